package io.runnel.bench.storage;

/**
 * When the append benchmark forces the log to disk.
 *
 * <ul>
 *   <li>{@link #NEVER}: the OS writes back (Kafka's default).
 *   <li>{@link #EVERY_1_MIB}: the appending thread itself flushes after every MiB it appends, as a log with
 *       {@code flush.messages} does inside the append call; appends stop while the disk syncs.
 *   <li>{@link #BACKGROUND_1_MIB}: a flusher thread forces the log each time another MiB has been appended, as a
 *       broker's log flusher does beside its request handlers, while the appending thread goes on writing. The
 *       appender may run at most one more MiB ahead of the sync in flight (it waits when 2 MiB are not yet durable),
 *       so the disk, not memory, sets the pace.
 * </ul>
 */
public enum FsyncPolicy {
    NEVER(0, false),
    EVERY_1_MIB(1024 * 1024, false),
    BACKGROUND_1_MIB(1024 * 1024, true);

    /** Bytes appended between two flushes; 0 for never. */
    final int intervalBytes;

    /** Whether a {@link BackgroundFlusher} thread flushes instead of the appending thread. */
    final boolean background;

    FsyncPolicy(int intervalBytes, boolean background) {
        this.intervalBytes = intervalBytes;
        this.background = background;
    }
}
