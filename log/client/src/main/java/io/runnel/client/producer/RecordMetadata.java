package io.runnel.client.producer;

import io.runnel.common.TopicPartition;
import java.util.Objects;

/**
 * Where a sent record landed, as Kafka's {@code RecordMetadata}. Immutable.
 *
 * @param topicPartition the partition
 * @param offset the record's offset, or -1 if unknown ({@code acks=0}, or a duplicate the broker had already written)
 * @param timestamp the record's timestamp: the broker's under {@code LogAppendTime}, else the record's
 * @param serializedKeySize the key's size in bytes, or -1 for a null key
 * @param serializedValueSize the value's size in bytes, or -1 for a null value
 */
public record RecordMetadata(
        TopicPartition topicPartition, long offset, long timestamp, int serializedKeySize, int serializedValueSize) {
    /** The offset when it is unknown. */
    public static final long UNKNOWN_OFFSET = -1L;

    public RecordMetadata {
        Objects.requireNonNull(topicPartition, "topicPartition");
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    public boolean hasOffset() {
        return offset >= 0;
    }

    public boolean hasTimestamp() {
        return timestamp >= 0;
    }

    @Override
    public String toString() {
        return topicPartition + "@" + offset;
    }
}
