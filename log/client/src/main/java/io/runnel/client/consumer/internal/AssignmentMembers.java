package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** What the assignors share: the order of members and the partitions of the subscribed topics. Stateless. */
public final class AssignmentMembers {
    private AssignmentMembers() {}

    /**
     * Member ids in Kafka's order: static members first, by {@code group.instance.id}, then dynamic members by member
     * id. Range and round robin hand out partitions in this order.
     */
    public static List<String> sorted(Map<String, Subscription> subscriptions) {
        List<String> members = new ArrayList<>(subscriptions.keySet());
        members.sort(Comparator.<String, Boolean>comparing(
                        id -> present(subscriptions, id).groupInstanceId().isEmpty())
                .thenComparing(
                        id -> present(subscriptions, id).groupInstanceId().orElse(""))
                .thenComparing(Comparator.naturalOrder()));
        return members;
    }

    /** The member ids, of those given, that subscribe to {@code topic}, in {@link #sorted} order. */
    public static List<String> subscribedTo(String topic, List<String> sortedMembers, Map<String, Subscription> subs) {
        List<String> members = new ArrayList<>();
        for (String member : sortedMembers) {
            if (present(subs, member).topics().contains(topic)) {
                members.add(member);
            }
        }
        return members;
    }

    /** Every partition of every topic some member subscribes to and whose partition count is known, sorted. */
    public static List<TopicPartition> allPartitionsSorted(
            Map<String, Integer> partitionsPerTopic, Map<String, Subscription> subscriptions) {
        TreeSet<String> topics = new TreeSet<>();
        subscriptions.values().forEach(s -> topics.addAll(s.topics()));
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            int count = Optional.ofNullable(partitionsPerTopic.get(topic)).orElse(0);
            for (int p = 0; p < count; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
        }
        return partitions;
    }

    /**
     * The value of a key the caller knows is present.
     *
     * @throws IllegalStateException if it is not
     */
    public static <K, V> V present(Map<K, V> map, K key) {
        V value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("no entry for " + key);
        }
        return value;
    }
}
