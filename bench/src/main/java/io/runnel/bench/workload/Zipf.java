package io.runnel.bench.workload;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Samples ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^exponent}, by binary search of
 * a precomputed cumulative distribution ({@code n} doubles). Rank 0 is the most frequent.
 *
 * <p>Not thread-safe: each benchmark thread owns its sampler.
 */
public final class Zipf {
    private final double[] cumulative;
    private final SplittableRandom random;

    /**
     * @param n number of ranks, at least 1
     * @param exponent skew; 0.99 is the usual YCSB choice, 0 is uniform
     * @param seed random seed, so that runs sample the same sequence
     */
    public Zipf(int n, double exponent, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        if (exponent < 0) {
            throw new IllegalArgumentException("exponent must be >= 0: " + exponent);
        }
        this.cumulative = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += 1.0 / Math.pow(rank + 1, exponent);
            cumulative[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            cumulative[rank] /= sum;
        }
        this.random = new SplittableRandom(seed);
    }

    /** The next rank. */
    public int next() {
        int index = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = index >= 0 ? index : -index - 1;
        return Math.min(rank, cumulative.length - 1);
    }
}
