package io.runnel.common;

import java.util.Objects;

/**
 * A partition of a topic. Immutable.
 *
 * @param topic the topic name, non-empty
 * @param partition the partition index, {@code >= 0}
 */
public record TopicPartition(String topic, int partition) {
    public TopicPartition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isEmpty()) {
            throw new IllegalArgumentException("topic must not be empty");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    /** The name Kafka gives this partition's log directory: {@code <topic>-<partition>}. */
    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
