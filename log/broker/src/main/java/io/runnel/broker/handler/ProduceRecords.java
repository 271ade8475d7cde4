package io.runnel.broker.handler;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InvalidRecordException;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import org.jspecify.annotations.Nullable;

/**
 * The check Kafka's broker makes on one partition's records in a Produce request before they reach the log: they
 * hold whole record batches. No batch at all (empty, or shorter than the batch its header declares: a truncated
 * batch) is {@code INVALID_RECORD}, as Kafka answers; so are bytes after the last whole batch, which Kafka would
 * silently drop and Runnel refuses. A batch header that declares an impossible length stays {@code CORRUPT_MESSAGE},
 * as in Kafka; what is inside a batch is the log's to check.
 */
final class ProduceRecords {
    private ProduceRecords() {}

    /**
     * Returns {@code records} if they are whole batches.
     *
     * @throws InvalidRecordException naming the partition if there is no whole batch or bytes trail the last one
     * @throws io.runnel.common.errors.CorruptRecordException if a batch header declares an impossible length
     */
    static MemoryRecords requireWholeBatches(TopicPartition tp, @Nullable MemoryRecords records) {
        if (records == null || records.sizeInBytes() == 0) {
            throw new InvalidRecordException("produce request for " + tp + " has no record batch");
        }
        int whole = 0;
        for (RecordBatch batch : records) {
            whole += batch.sizeInBytes();
        }
        if (whole == 0) {
            throw new InvalidRecordException("produce request for " + tp + " has no whole record batch: "
                    + records.sizeInBytes() + " bytes hold a truncated batch");
        }
        if (whole != records.sizeInBytes()) {
            throw new InvalidRecordException("produce request for " + tp + " has " + (records.sizeInBytes() - whole)
                    + " bytes of a truncated batch after " + whole + " bytes of whole batches");
        }
        return records;
    }
}
