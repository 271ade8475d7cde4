package io.runnel.bench.storage;

import java.io.Flushable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the append benchmark does to a log: append batches and force them to disk. {@link PartitionLog} (Runnel's and
 * Kafka's partition logs) and {@link RawFileLog} (the same bytes written to a plain file, the floor) implement it.
 *
 * <p>{@link #append} is called by one thread; {@link #flush} may be called by another thread at the same time (a
 * {@link BackgroundFlusher}). {@link #close()} closes the log and deletes its files.
 */
interface AppendLog extends Flushable, AutoCloseable {
    /**
     * Appends the batches in {@code batches} (position to limit). A partition log appends as the leader, which assigns
     * their offsets in place.
     *
     * @return the offset given to the first record, or for a plain file the byte position written at
     */
    long append(ByteBuffer batches) throws IOException;

    /** Forces appended data to disk ({@code fdatasync}). */
    @Override
    void flush() throws IOException;

    @Override
    void close() throws IOException;
}
