package io.runnel.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Sessions of activity per key: records closer than the inactivity gap fall into one session, and a record that
 * bridges two sessions merges them. A session accepts records until stream time passes its end plus the gap plus
 * the grace period. Immutable.
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /** @throws IllegalArgumentException if the gap is not positive or the grace is negative */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration grace) {
        long gap = TimeWindows.millis(inactivityGap, "inactivityGap");
        if (gap <= 0) {
            throw new IllegalArgumentException("Gap time cannot be zero or negative: " + inactivityGap);
        }
        long g = TimeWindows.millis(grace, "grace");
        if (g < 0) {
            throw new IllegalArgumentException("Grace period must not be negative: " + grace);
        }
        return new SessionWindows(gap, g);
    }

    public long inactivityGap() {
        return gapMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionWindows w && w.gapMs == gapMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gapMs, graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gap=" + gapMs + ", grace=" + graceMs + "}";
    }
}
