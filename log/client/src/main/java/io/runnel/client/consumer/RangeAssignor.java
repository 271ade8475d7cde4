package io.runnel.client.consumer;

import static io.runnel.client.consumer.internal.AssignmentMembers.present;

import io.runnel.client.consumer.internal.AssignmentMembers;
import io.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Kafka's {@code range} assignor: for each topic, its partitions are split into contiguous ranges over the members
 * subscribed to it, in member order (static members by {@code group.instance.id}, then member id); the first {@code
 * partitions % members} members get one partition more. Members subscribed to the same topics therefore get the same
 * partition numbers of each topic, which co-partitioned joins rely on. Eager protocol. Stateless.
 */
public final class RangeAssignor implements ConsumerPartitionAssignor {
    /** The protocol name. */
    public static final String RANGE_ASSIGNOR_NAME = "range";

    @Override
    public GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        List<String> members = AssignmentMembers.sorted(subscriptions);
        Map<String, List<TopicPartition>> assigned = new HashMap<>();
        members.forEach(member -> assigned.put(member, new ArrayList<>()));
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        for (String topic : topics) {
            Integer partitions = partitionsPerTopic.get(topic);
            if (partitions == null) {
                continue;
            }
            List<String> consumers = AssignmentMembers.subscribedTo(topic, members, subscriptions);
            int perConsumer = partitions / consumers.size();
            int withExtra = partitions % consumers.size();
            for (int i = 0; i < consumers.size(); i++) {
                int start = perConsumer * i + Math.min(i, withExtra);
                int length = perConsumer + (i < withExtra ? 1 : 0);
                for (int p = start; p < start + length; p++) {
                    present(assigned, consumers.get(i)).add(new TopicPartition(topic, p));
                }
            }
        }
        Map<String, Assignment> result = new HashMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return new GroupAssignment(result);
    }

    @Override
    public String name() {
        return RANGE_ASSIGNOR_NAME;
    }
}
