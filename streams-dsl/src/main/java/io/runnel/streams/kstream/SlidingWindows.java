package io.runnel.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of a fixed time difference that slide with the records: two records are in a common window when their
 * timestamps differ by at most the time difference. Windows are inclusive at both ends, {@code [start, start +
 * timeDifference]}, and only windows holding at least one record exist (each record's left window ending at its
 * timestamp, and the right window starting just after it when a later record falls into it). Immutable.
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** @throws IllegalArgumentException if the time difference or the grace is negative */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration grace) {
        long diff = TimeWindows.millis(timeDifference, "timeDifference");
        if (diff < 0) {
            throw new IllegalArgumentException("Window time difference must not be negative: " + timeDifference);
        }
        long g = TimeWindows.millis(grace, "grace");
        if (g < 0) {
            throw new IllegalArgumentException("Window grace period must not be negative: " + grace);
        }
        return new SlidingWindows(diff, g);
    }

    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SlidingWindows w && w.timeDifferenceMs == timeDifferenceMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeDifferenceMs, graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{timeDifference=" + timeDifferenceMs + ", grace=" + graceMs + "}";
    }
}
