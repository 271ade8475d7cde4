package io.runnel.bench.machine;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * Memory copy bandwidth: {@code totalBytes} copied in chunks of {@code chunkBytes}, best of several rounds after one
 * warm-up round. Three paths, because a log append uses more than one: {@code byte[]} to {@code byte[]}
 * ({@link System#arraycopy}), heap to direct buffer (what {@code FileChannel.write} does with a heap buffer before
 * the system call) and direct to direct.
 *
 * <p>Bandwidth counts bytes copied, not bus traffic (each byte copied is read once and written once).
 */
final class MemoryCopyBandwidth {
    private final int totalBytes;
    private final int chunkBytes;
    private final int rounds;

    MemoryCopyBandwidth(int totalBytes, int chunkBytes, int rounds) {
        if (chunkBytes <= 0 || totalBytes < chunkBytes || totalBytes % chunkBytes != 0) {
            throw new IllegalArgumentException(
                    "totalBytes must be a positive multiple of chunkBytes: " + totalBytes + ", " + chunkBytes);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1: " + rounds);
        }
        this.totalBytes = totalBytes;
        this.chunkBytes = chunkBytes;
        this.rounds = rounds;
    }

    Bandwidth arrayToArray() {
        byte[] source = new byte[totalBytes];
        new SplittableRandom(1).nextBytes(source);
        byte[] target = new byte[totalBytes];
        long nanos = bestOf(() -> {
            long start = System.nanoTime();
            for (int position = 0; position < totalBytes; position += chunkBytes) {
                System.arraycopy(source, position, target, position, chunkBytes);
            }
            return System.nanoTime() - start;
        });
        if (target[totalBytes - 1] != source[totalBytes - 1]) {
            throw new IllegalStateException("copy did not complete");
        }
        return new Bandwidth("memory copy byte[] -> byte[]", totalBytes, nanos, how("System.arraycopy"));
    }

    Bandwidth heapToDirect() {
        return buffers("memory copy heap -> direct ByteBuffer", ByteBuffer.allocate(totalBytes));
    }

    Bandwidth directToDirect() {
        return buffers("memory copy direct -> direct ByteBuffer", ByteBuffer.allocateDirect(totalBytes));
    }

    private Bandwidth buffers(String name, ByteBuffer source) {
        SplittableRandom random = new SplittableRandom(2);
        while (source.remaining() >= Long.BYTES) {
            source.putLong(random.nextLong());
        }
        ByteBuffer target = ByteBuffer.allocateDirect(totalBytes);
        long nanos = bestOf(() -> {
            target.clear();
            long start = System.nanoTime();
            for (int position = 0; position < totalBytes; position += chunkBytes) {
                target.put(source.slice(position, chunkBytes));
            }
            return System.nanoTime() - start;
        });
        return new Bandwidth(name, totalBytes, nanos, how("ByteBuffer.put"));
    }

    /** Runs one warm-up round, then {@code rounds} measured ones, and returns the fastest. */
    private long bestOf(LongSupplier oneRound) {
        var unused = oneRound.getAsLong(); // warm-up: JIT, page faults of fresh buffers
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            best = Math.min(best, oneRound.getAsLong());
        }
        return best;
    }

    private String how(String method) {
        return method + ", " + (totalBytes >> 20) + " MiB in " + (chunkBytes >> 10) + " KiB chunks, best of " + rounds;
    }
}
