package io.runnel.common;

/**
 * The source of time for every component, injected so that tests can drive a manual clock. Production code never
 * calls {@link System#currentTimeMillis()} directly.
 */
public interface Time {
    /** The system clock. */
    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock time in milliseconds since the epoch. */
    long milliseconds();

    /** A monotonic clock in nanoseconds, for measuring intervals only. */
    long nanoseconds();

    /** {@link #nanoseconds()} in milliseconds. */
    default long hiResClockMs() {
        return nanoseconds() / 1_000_000L;
    }
}
