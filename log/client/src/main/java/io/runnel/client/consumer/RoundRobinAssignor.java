package io.runnel.client.consumer;

import static io.runnel.client.consumer.internal.AssignmentMembers.present;

import io.runnel.client.consumer.internal.AssignmentMembers;
import io.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka's {@code roundrobin} assignor: every partition of the subscribed topics, sorted by topic and partition, is
 * dealt in turn to the members (static members by {@code group.instance.id}, then member id), skipping members not
 * subscribed to its topic. With identical subscriptions, member partition counts differ by at most one. Eager
 * protocol. Stateless.
 */
public final class RoundRobinAssignor implements ConsumerPartitionAssignor {
    /** The protocol name. */
    public static final String ROUNDROBIN_ASSIGNOR_NAME = "roundrobin";

    @Override
    public GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        List<String> members = AssignmentMembers.sorted(subscriptions);
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        members.forEach(member -> assigned.put(member, new ArrayList<>()));
        int next = 0;
        for (TopicPartition partition : AssignmentMembers.allPartitionsSorted(partitionsPerTopic, subscriptions)) {
            while (!present(subscriptions, members.get(next)).topics().contains(partition.topic())) {
                next = (next + 1) % members.size();
            }
            present(assigned, members.get(next)).add(partition);
            next = (next + 1) % members.size();
        }
        Map<String, Assignment> result = new HashMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return new GroupAssignment(result);
    }

    @Override
    public String name() {
        return ROUNDROBIN_ASSIGNOR_NAME;
    }
}
