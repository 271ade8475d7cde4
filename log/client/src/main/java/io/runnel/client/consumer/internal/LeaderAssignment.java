package io.runnel.client.consumer.internal;

import io.runnel.client.PartitionInfo;
import io.runnel.client.consumer.ConsumerPartitionAssignor;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.GroupSubscription;
import io.runnel.client.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.client.internal.Cluster;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.message.JoinGroupResponse.JoinGroupResponseMember;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the group's leader does between JoinGroup and SyncGroup: reads every member's subscription, runs the assignor
 * the coordinator chose over the partition counts of the subscribed topics, checks that a cooperative assignment hands
 * no partition over while its owner still has it (as Kafka's {@code ConsumerCoordinator.validateCooperativeAssignment}),
 * and encodes each member's assignment. Stateless apart from its configuration; used by the I/O thread.
 */
final class LeaderAssignment {
    private static final Logger log = LoggerFactory.getLogger(LeaderAssignment.class);

    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol protocol;
    private final String logPrefix;

    LeaderAssignment(List<ConsumerPartitionAssignor> assignors, RebalanceProtocol protocol, String logPrefix) {
        this.assignors = List.copyOf(assignors);
        this.protocol = protocol;
        this.logPrefix = logPrefix;
    }

    /** Every member's subscription, by member id, with its {@code group.instance.id}. */
    static Map<String, Subscription> subscriptions(List<JoinGroupResponseMember> members) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        for (JoinGroupResponseMember member : members) {
            subscriptions.put(
                    member.memberId(),
                    ConsumerProtocol.deserializeSubscription(member.metadata())
                            .withGroupInstanceId(Optional.ofNullable(member.groupInstanceId())));
        }
        return subscriptions;
    }

    /** The topics some member subscribes to. */
    static Set<String> topics(Map<String, Subscription> subscriptions) {
        Set<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        return topics;
    }

    /** Whether {@code cluster} has partitions or an error for every topic. */
    static boolean knowsAll(Cluster cluster, Set<String> topics) {
        for (String topic : topics) {
            if (cluster.partitionsForTopic(topic) == null && cluster.topicError(topic) == null) {
                return false;
            }
        }
        return true;
    }

    /** The partition count of each topic the cluster has partitions for. */
    static Map<String, Integer> partitionCounts(Cluster cluster, Set<String> topics) {
        Map<String, Integer> counts = new HashMap<>();
        for (String topic : topics) {
            List<PartitionInfo> partitions = cluster.partitionsForTopic(topic);
            if (partitions != null && !partitions.isEmpty()) {
                counts.put(topic, partitions.size());
            }
        }
        return counts;
    }

    /**
     * Runs the assignor named {@code protocolName}.
     *
     * @return each member's encoded assignment
     * @throws IllegalStateException if no assignor has that name, or a cooperative assignment breaks the protocol
     */
    Map<String, ByteBuffer> assign(
            String protocolName, Map<String, Subscription> subscriptions, Map<String, Integer> partitionCounts) {
        ConsumerPartitionAssignor assignor = assignors.stream()
                .filter(a -> a.name().equals(protocolName))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("Coordinator selected invalid assignment protocol: " + protocolName));
        log.debug(
                "{} Performing assignment using strategy {} with subscriptions {}",
                logPrefix,
                protocolName,
                subscriptions.keySet());
        Map<String, Assignment> assignments = assignor.assign(partitionCounts, new GroupSubscription(subscriptions))
                .groupAssignment();
        if (protocol == RebalanceProtocol.COOPERATIVE) {
            validateCooperative(subscriptions, assignments);
        }
        Map<String, ByteBuffer> encoded = new HashMap<>();
        for (String member : subscriptions.keySet()) {
            Assignment assignment = assignments.getOrDefault(member, new Assignment(List.of()));
            encoded.put(member, ConsumerProtocol.serializeAssignment(assignment));
        }
        log.info("{} Finished assignment for group: {}", logPrefix, assignments);
        return encoded;
    }

    private static void validateCooperative(Map<String, Subscription> subscriptions, Map<String, Assignment> result) {
        Map<TopicPartition, String> owners = new HashMap<>();
        subscriptions.forEach((member, s) -> s.ownedPartitions().forEach(tp -> owners.put(tp, member)));
        result.forEach((member, assignment) -> {
            for (TopicPartition tp : assignment.partitions()) {
                String owner = owners.get(tp);
                if (owner != null && !owner.equals(member)) {
                    throw new RunnelException("Assignor supporting the COOPERATIVE protocol violates its"
                            + " requirements: " + tp + " goes to " + member + " while " + owner + " still owns it");
                }
            }
        });
    }
}
