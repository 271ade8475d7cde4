package io.runnel.bench.machine;

import java.util.Locale;

/**
 * One measured bandwidth: bytes moved in a time, and how they were moved.
 *
 * @param name what was measured, for the table
 * @param bytes bytes moved
 * @param nanos elapsed wall time
 * @param how the method, in a few words
 */
public record Bandwidth(String name, long bytes, long nanos, String how) {
    public Bandwidth {
        if (bytes < 0 || nanos <= 0) {
            throw new IllegalArgumentException("bytes must be >= 0 and nanos > 0: " + bytes + ", " + nanos);
        }
    }

    /** Megabytes (10^6 bytes) per second, the unit of dd and of the benchmark tables. */
    public double megabytesPerSecond() {
        return bytes / 1e6 / (nanos / 1e9);
    }

    /** The faster of two measurements of the same thing. */
    public Bandwidth best(Bandwidth other) {
        return other.megabytesPerSecond() > megabytesPerSecond() ? other : this;
    }

    String row() {
        return String.format(
                Locale.ROOT,
                "| %-40s | %10.1f | %8.0f | %s |",
                name,
                megabytesPerSecond(),
                bytes / (1024.0 * 1024.0),
                how);
    }
}
