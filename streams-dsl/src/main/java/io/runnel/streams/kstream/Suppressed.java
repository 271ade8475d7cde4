package io.runnel.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link KTable#suppress} holds back a table's updates: until a window closes (one final result per window), or
 * for a time limit per key (the latest value after the limit), in a buffer bounded by a number of keys. Time is
 * stream time. Immutable.
 */
public final class Suppressed<K> {
    /** What a full buffer does. */
    public enum BufferFullStrategy {
        /** Emit the oldest buffered updates early to make room. */
        EMIT,
        /** Fail the task with a {@link io.runnel.streams.errors.StreamsException}. */
        SHUT_DOWN
    }

    /** A bound on the buffer: the number of keys it holds, and what happens when it is full. */
    public static class BufferConfig {
        final long maxRecords;
        final BufferFullStrategy strategy;

        BufferConfig(long maxRecords, BufferFullStrategy strategy) {
            this.maxRecords = maxRecords;
            this.strategy = strategy;
        }

        /**
         * At most {@code maxRecords} keys; a full buffer emits early.
         *
         * @throws IllegalArgumentException if not positive
         */
        public static BufferConfig maxRecords(long maxRecords) {
            if (maxRecords < 1) {
                throw new IllegalArgumentException("maxRecords must be >= 1: " + maxRecords);
            }
            return new BufferConfig(maxRecords, BufferFullStrategy.EMIT);
        }

        /** No bound: memory grows with the number of keys. */
        public static StrictBufferConfig unbounded() {
            return new StrictBufferConfig(Long.MAX_VALUE);
        }

        public BufferConfig emitEarlyWhenFull() {
            return new BufferConfig(maxRecords, BufferFullStrategy.EMIT);
        }

        /** A full buffer fails the task instead of emitting early: results stay final. */
        public StrictBufferConfig shutDownWhenFull() {
            return new StrictBufferConfig(maxRecords);
        }

        public long maxRecords() {
            return maxRecords;
        }

        public BufferFullStrategy bufferFullStrategy() {
            return strategy;
        }
    }

    /** A buffer that never emits early, so results stay final. */
    public static final class StrictBufferConfig extends BufferConfig {
        StrictBufferConfig(long maxRecords) {
            super(maxRecords, BufferFullStrategy.SHUT_DOWN);
        }
    }

    private final boolean untilWindowCloses;
    private final long timeLimitMs;
    private final BufferConfig buffer;

    private Suppressed(boolean untilWindowCloses, long timeLimitMs, BufferConfig buffer) {
        this.untilWindowCloses = untilWindowCloses;
        this.timeLimitMs = timeLimitMs;
        this.buffer = buffer;
    }

    /** One final result per window, when stream time passes the window's end plus grace (windowed tables only). */
    public static <K> Suppressed<K> untilWindowCloses(StrictBufferConfig buffer) {
        return new Suppressed<>(true, 0, Objects.requireNonNull(buffer, "buffer cannot be null"));
    }

    /**
     * The latest value of a key once {@code timeToWaitForMoreEvents} of stream time has passed since its first
     * buffered update.
     *
     * @throws IllegalArgumentException if the time is negative
     */
    public static <K> Suppressed<K> untilTimeLimit(Duration timeToWaitForMoreEvents, BufferConfig buffer) {
        long ms = TimeWindows.millis(timeToWaitForMoreEvents, "timeToWaitForMoreEvents");
        if (ms < 0) {
            throw new IllegalArgumentException("timeToWaitForMoreEvents must not be negative: " + ms);
        }
        return new Suppressed<>(false, ms, Objects.requireNonNull(buffer, "buffer cannot be null"));
    }

    public boolean isUntilWindowCloses() {
        return untilWindowCloses;
    }

    public long timeLimitMs() {
        return timeLimitMs;
    }

    public BufferConfig bufferConfig() {
        return buffer;
    }
}
