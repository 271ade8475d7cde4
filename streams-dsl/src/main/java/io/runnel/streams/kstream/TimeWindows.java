package io.runnel.streams.kstream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fixed-size windows aligned to the epoch: tumbling when the advance equals the size, hopping when it is smaller. A
 * record at time {@code t} belongs to every window {@code [start, start + size)} with {@code start <= t}. A window
 * accepts records until stream time passes its end plus the grace period; later records are dropped and counted.
 * Immutable.
 */
public final class TimeWindows {
    private final long sizeMs;
    private final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /** Tumbling windows of {@code size} that accept no out-of-order record once stream time passes their end. */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /**
     * Tumbling windows of {@code size} that accept out-of-order records for {@code grace} after they end.
     *
     * @throws IllegalArgumentException if size is not positive or grace is negative
     */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration grace) {
        long s = millis(size, "size");
        if (s <= 0) {
            throw new IllegalArgumentException("Window size must be larger than zero: " + size);
        }
        long g = millis(grace, "grace");
        if (g < 0) {
            throw new IllegalArgumentException("Grace period must not be negative: " + grace);
        }
        return new TimeWindows(s, s, g);
    }

    /**
     * Hopping windows: a new window starts every {@code advance}.
     *
     * @throws IllegalArgumentException if advance is not positive or larger than the size
     */
    public TimeWindows advanceBy(Duration advance) {
        long a = millis(advance, "advance");
        if (a <= 0 || a > sizeMs) {
            throw new IllegalArgumentException(
                    "Window advancement interval should be more than zero and less than or equal to window size" + " ("
                            + sizeMs + " ms), but was " + a + " ms");
        }
        return new TimeWindows(sizeMs, a, graceMs);
    }

    static long millis(Duration d, String what) {
        return Objects.requireNonNull(d, () -> what + " cannot be null").toMillis();
    }

    /** The start times of the windows containing {@code timestamp}, oldest first. */
    public List<Long> windowStartsFor(long timestamp) {
        long start = Math.max(0, timestamp - sizeMs + advanceMs) / advanceMs * advanceMs;
        List<Long> starts = new ArrayList<>((int) (sizeMs / advanceMs) + 1);
        while (start <= timestamp) {
            starts.add(start);
            start += advanceMs;
        }
        return starts;
    }

    public long size() {
        return sizeMs;
    }

    public long advanceMs() {
        return advanceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeWindows w && w.sizeMs == sizeMs && w.advanceMs == advanceMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizeMs, advanceMs, graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{size=" + sizeMs + ", advance=" + advanceMs + ", grace=" + graceMs + "}";
    }
}
