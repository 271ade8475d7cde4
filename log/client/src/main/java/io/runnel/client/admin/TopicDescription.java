package io.runnel.client.admin;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A described topic, as Kafka's {@code TopicDescription}. Immutable.
 *
 * @param name the topic name
 * @param isInternal whether it is an internal topic
 * @param partitions its partitions, by index
 * @param topicId its id
 */
public record TopicDescription(String name, boolean isInternal, List<TopicPartitionInfo> partitions, UUID topicId) {
    public TopicDescription {
        Objects.requireNonNull(name, "name");
        partitions = List.copyOf(partitions);
        Objects.requireNonNull(topicId, "topicId");
    }
}
