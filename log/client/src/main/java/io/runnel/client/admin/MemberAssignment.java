package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Set;

/**
 * The partitions assigned to a group member, as Kafka's {@code MemberAssignment}. Immutable.
 *
 * @param topicPartitions the assigned partitions
 */
public record MemberAssignment(Set<TopicPartition> topicPartitions) {
    public MemberAssignment {
        topicPartitions = Set.copyOf(topicPartitions);
    }
}
