package io.runnel.broker.group;

import io.runnel.broker.partition.PartitionManager;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.records.FileRecords;
import io.runnel.records.Record;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.storage.FetchData;
import io.runnel.storage.Log;
import io.runnel.storage.LogManager;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * {@link GroupLog} on this broker's {@code __consumer_offsets} partitions: appends go through the partition manager
 * as a producer's would (so waiting fetches see them), replays read the log's segments batch by batch.
 *
 * <p>Used by the coordinator thread only.
 */
public final class PartitionGroupLog implements GroupLog {
    /** The internal topic of groups and committed offsets. */
    public static final String TOPIC = "__consumer_offsets";

    private static final int READ_BYTES = 1024 * 1024;

    private final PartitionManager partitions;
    private final LogManager logs;
    private final Time time;
    private final RecordBatchBuilder builder = new RecordBatchBuilder(1024);

    public PartitionGroupLog(PartitionManager partitions, LogManager logs, Time time) {
        this.partitions = partitions;
        this.logs = logs;
        this.time = time;
    }

    @Override
    public void append(int partition, List<Entry> entries) {
        builder.reset(0L);
        long now = time.milliseconds();
        for (Entry entry : entries) {
            builder.append(now, entry.key(), entry.value());
        }
        partitions.append(new TopicPartition(TOPIC, partition), builder.build(), 0, (short) 1);
    }

    @Override
    public void replay(int partition, BiConsumer<ByteBuffer, @Nullable ByteBuffer> consumer) {
        TopicPartition tp = new TopicPartition(TOPIC, partition);
        Log log = logs.log(tp)
                .orElseThrow(() -> new UnknownTopicOrPartitionException("partition " + tp + " is not hosted here"));
        long offset = log.logStartOffset();
        long end = log.logEndOffset();
        while (offset < end) {
            FetchData data = log.read(offset, READ_BYTES, end, true);
            FileRecords region = data.records();
            if (region.sizeInBytes() == 0) {
                break;
            }
            for (RecordBatch batch : region.toMemoryRecords()) {
                if (!batch.isControlBatch()) {
                    for (Record record : batch.records()) {
                        if (record.offset() >= offset && record.key() != null) {
                            consumer.accept(record.key(), record.value());
                        }
                    }
                }
                offset = Math.max(offset, batch.nextOffset());
            }
        }
    }
}
