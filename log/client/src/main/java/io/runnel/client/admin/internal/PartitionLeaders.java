package io.runnel.client.admin.internal;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.LeaderNotAvailableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.MetadataResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The leaders of some partitions, from a metadata response, for calls that must go to each partition's leader. */
final class PartitionLeaders {
    private final Map<TopicPartition, Integer> leaders = new HashMap<>();
    private final Map<TopicPartition, RunnelException> errors = new HashMap<>();

    PartitionLeaders(MetadataResponse response, Collection<TopicPartition> partitions) {
        Map<String, MetadataResponse.MetadataResponseTopic> topics = new HashMap<>();
        for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
            if (topic.name() != null) {
                topics.put(topic.name(), topic);
            }
        }
        for (TopicPartition tp : partitions) {
            MetadataResponse.MetadataResponseTopic topic = topics.get(tp.topic());
            if (topic == null) {
                errors.put(tp, new UnknownTopicOrPartitionException("topic " + tp.topic() + " is not known"));
                continue;
            }
            RunnelException topicError = AdminErrors.exception(topic.errorCode(), null);
            if (topicError != null) {
                errors.put(tp, topicError);
                continue;
            }
            MetadataResponse.MetadataResponsePartition partition = find(topic.partitions(), tp.partition());
            if (partition == null) {
                errors.put(tp, new UnknownTopicOrPartitionException("partition " + tp + " does not exist"));
            } else if (partition.errorCode() != Errors.NONE.code() || partition.leaderId() < 0) {
                errors.put(tp, new LeaderNotAvailableException("partition " + tp + " has no leader now"));
            } else {
                leaders.put(tp, partition.leaderId());
            }
        }
    }

    private static MetadataResponse.@Nullable MetadataResponsePartition find(
            List<MetadataResponse.MetadataResponsePartition> partitions, int index) {
        for (MetadataResponse.MetadataResponsePartition partition : partitions) {
            if (partition.partitionIndex() == index) {
                return partition;
            }
        }
        return null;
    }

    /** The partitions with a leader, grouped by leader id. */
    Map<Integer, Set<TopicPartition>> byLeader() {
        Map<Integer, Set<TopicPartition>> grouped = new HashMap<>();
        leaders.forEach((tp, leader) ->
                grouped.computeIfAbsent(leader, id -> new HashSet<>()).add(tp));
        return grouped;
    }

    /** The partitions that cannot be routed, with why. */
    Map<TopicPartition, RunnelException> errors() {
        return errors;
    }

    static Set<String> topicsOf(Collection<TopicPartition> partitions) {
        Set<String> topics = new HashSet<>();
        partitions.forEach(tp -> topics.add(tp.topic()));
        return topics;
    }
}
