package io.runnel.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What the log benchmarks do to a partition log, so that one benchmark drives Runnel's log and Apache Kafka's the
 * same way. Each implementation goes through its log's public entry points, the ones a broker's produce and fetch
 * paths use: append as leader (validate, assign offsets, write, index), read from an offset, flush.
 *
 * <p>Not thread-safe: a benchmark thread owns its log. {@link #close()} closes the log and deletes its files.
 */
interface PartitionLog extends AutoCloseable {
    /**
     * Appends the batches in {@code batches} (position to limit) as the leader, which assigns their offsets in place.
     *
     * @return the offset given to the first record
     */
    long append(ByteBuffer batches) throws IOException;

    /**
     * Reads whole batches from the one holding {@code offset}, at most {@code maxBytes} (at least one batch), and
     * copies them into {@code destination}, which must have room for them.
     *
     * @return bytes copied
     */
    int read(long offset, int maxBytes, ByteBuffer destination) throws IOException;

    /** The byte position, within its segment, of the batch that holds {@code offset}: an index lookup and a scan. */
    int positionOf(long offset) throws IOException;

    /** Forces appended data to disk ({@code fdatasync}). */
    void flush() throws IOException;

    long logEndOffset();

    long sizeInBytes();

    @Override
    void close() throws IOException;
}
