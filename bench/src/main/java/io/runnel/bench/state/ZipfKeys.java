package io.runnel.bench.state;

import java.util.Random;

/**
 * A precomputed sequence of key indexes drawn from a scrambled Zipfian distribution (YCSB's, skew 0.99): a few keys
 * are hot, as in real traffic, but hot keys are spread over the key space rather than adjacent.
 */
final class ZipfKeys {
    private static final double THETA = 0.99;
    private final int[] sequence;
    private int cursor;

    ZipfKeys(int keyCount, int length, long seed) {
        Random random = new Random(seed);
        double zetan = 0;
        for (int i = 1; i <= keyCount; i++) {
            zetan += 1 / Math.pow(i, THETA);
        }
        double zeta2 = 1 + 1 / Math.pow(2, THETA);
        double alpha = 1 / (1 - THETA);
        double eta = (1 - Math.pow(2.0 / keyCount, 1 - THETA)) / (1 - zeta2 / zetan);
        sequence = new int[length];
        for (int i = 0; i < length; i++) {
            double u = random.nextDouble();
            double uz = u * zetan;
            long rank;
            if (uz < 1) {
                rank = 0;
            } else if (uz < zeta2) {
                rank = 1;
            } else {
                rank = (long) (keyCount * Math.pow(eta * u - eta + 1, alpha));
            }
            sequence[i] = (int) Math.floorMod(mix(rank), (long) keyCount);
        }
    }

    int next() {
        int index = sequence[cursor];
        cursor = cursor + 1 == sequence.length ? 0 : cursor + 1;
        return index;
    }

    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        return x;
    }

    /** A 16-byte key whose byte order is the numeric order of {@code index}. */
    static byte[] key(int index) {
        byte[] key = new byte[16];
        String digits = String.format("key-%012d", index);
        for (int i = 0; i < 16; i++) {
            key[i] = (byte) digits.charAt(i);
        }
        return key;
    }
}
