package io.runnel.bench.storage;

import io.runnel.bench.workload.Impl;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * What the log benchmarks do to a partition log, so that one benchmark drives Runnel's log and Apache Kafka's the
 * same way. Each implementation goes through its log's public entry points, the ones a broker's produce and fetch
 * paths use: append as leader (validate, assign offsets, write, index), read from an offset, flush.
 *
 * <p>A benchmark thread owns its log; only {@link #flush()} may run beside it (see {@link AppendLog}). {@link #close()}
 * closes the log and deletes its files.
 */
interface PartitionLog extends AppendLog {
    /** A new, empty log of {@code impl} in a new directory under {@code parent}, rolling at {@code segmentBytes}. */
    static PartitionLog create(Impl impl, Path parent, int segmentBytes) throws IOException {
        return switch (impl) {
            case RUNNEL -> RunnelPartitionLog.create(parent, segmentBytes);
            case KAFKA -> KafkaPartitionLog.create(parent, segmentBytes);
        };
    }

    /** The benchmarks' {@code dir} parameter: a directory, or empty for {@code <java.io.tmpdir>/runnel-bench}. */
    static Path parentDirectory(String dir) {
        return dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "runnel-bench") : Path.of(dir);
    }

    /**
     * Appends {@code batch} (whose base offset is reset to 0 before each append, as a producer sends it) until the log
     * holds at least {@code totalBytes}.
     */
    default void fill(ByteBuffer batch, long totalBytes) throws IOException {
        while (sizeInBytes() < totalBytes) {
            batch.putLong(0, 0L);
            append(batch);
        }
    }

    /**
     * Reads whole batches from the one holding {@code offset}, at most {@code maxBytes} (at least one batch), and
     * copies them into {@code destination}, which must have room for them.
     *
     * @return bytes copied
     */
    int read(long offset, int maxBytes, ByteBuffer destination) throws IOException;

    /** The byte position, within its segment, of the batch that holds {@code offset}: an index lookup and a scan. */
    int positionOf(long offset) throws IOException;

    long logEndOffset();

    long sizeInBytes();
}
