package io.runnel.client.producer.internal;

import io.runnel.common.TopicPartition;
import io.runnel.records.RecordBatch;
import java.util.HashMap;
import java.util.Map;

/**
 * The idempotent producer's identity and sequence numbers: the producer id and epoch from InitProducerId, and per
 * partition the sequence the next batch starts with. Sequences are assigned when a batch is first drained and never
 * change on retry, so the broker can recognise a retried batch; they wrap at {@link Integer#MAX_VALUE} as Kafka's do.
 * Owned by the sender's I/O thread.
 */
final class IdempotenceState {
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short epoch = RecordBatch.NO_PRODUCER_EPOCH;
    private final Map<TopicPartition, Integer> nextSequence = new HashMap<>();

    boolean hasProducerId() {
        return producerId >= 0;
    }

    long producerId() {
        return producerId;
    }

    short epoch() {
        return epoch;
    }

    /** A new identity: every partition's sequence starts again at 0. */
    void setProducerIdAndEpoch(long producerId, short epoch) {
        this.producerId = producerId;
        this.epoch = epoch;
        nextSequence.clear();
    }

    /** Forgets the identity, after an error that fences it; a new InitProducerId follows. */
    void reset() {
        producerId = RecordBatch.NO_PRODUCER_ID;
        epoch = RecordBatch.NO_PRODUCER_EPOCH;
        nextSequence.clear();
    }

    /** Takes the next {@code count} sequence numbers of {@code partition}, returning the first. */
    int assign(TopicPartition partition, int count) {
        int first = nextSequence.getOrDefault(partition, 0);
        long next = (long) first + count;
        nextSequence.put(partition, (int) (next > Integer.MAX_VALUE ? next - Integer.MAX_VALUE - 1 : next));
        return first;
    }
}
