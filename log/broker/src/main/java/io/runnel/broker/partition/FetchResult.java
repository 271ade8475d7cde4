package io.runnel.broker.partition;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.records.FileRecords;
import org.jspecify.annotations.Nullable;

/**
 * What a fetch returns for one partition: records (a file region to send with zero copy) or an error.
 *
 * @param topicPartition the partition
 * @param records the batches read, possibly none; null when {@code error} is set
 * @param error why the partition could not be read, or null
 * @param highWatermark the offset up to which records are visible to consumers
 * @param logStartOffset the first offset in the log
 */
public record FetchResult(
        TopicPartition topicPartition,
        @Nullable FileRecords records,
        @Nullable RunnelException error,
        long highWatermark,
        long logStartOffset) {

    static FetchResult failed(TopicPartition tp, RunnelException error) {
        return new FetchResult(tp, null, error, -1L, -1L);
    }

    public int sizeInBytes() {
        return records == null ? 0 : records.sizeInBytes();
    }
}
