package io.runnel.broker.group;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Where the group coordinator keeps its state: the partitions of {@code __consumer_offsets}. Writes are synchronous
 * and happen on the coordinator thread: a group's state changes in memory only after its records are in the log.
 */
interface GroupLog {
    /** A key and a value (null for a tombstone) to write. */
    record Entry(ByteBuffer key, @Nullable ByteBuffer value) {}

    /**
     * Appends {@code entries} to partition {@code partition} as one batch.
     *
     * @throws io.runnel.common.errors.RunnelException if the write fails; nothing of the batch is then visible
     */
    void append(int partition, List<Entry> entries);

    /**
     * Reads partition {@code partition} from its start to its current end, handing each record's key and value (null
     * for a tombstone) to {@code consumer} in offset order.
     */
    void replay(int partition, BiConsumer<ByteBuffer, @Nullable ByteBuffer> consumer);
}
