package io.runnel.client.consumer;

import io.runnel.client.consumer.internal.StickyAssignment;
import io.runnel.client.consumer.internal.StickyAssignment.MemberData;
import io.runnel.client.consumer.internal.StickyUserData;
import io.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's {@code sticky} assignor: balanced (with identical subscriptions, member partition counts differ by at most
 * one) and sticky (partitions stay with their previous owner where balance allows), with the eager protocol. Each
 * member reports its previous assignment in its user data, in Kafka's format, since eager members own nothing when they
 * rejoin. See {@link StickyAssignment} for the algorithm.
 *
 * <p>Keeps this member's last assignment for its next subscription; one instance per consumer.
 */
public class StickyAssignor implements ConsumerPartitionAssignor {
    /** The protocol name. */
    public static final String STICKY_ASSIGNOR_NAME = "sticky";

    private @Nullable List<TopicPartition> memberAssignment;
    private int generation = -1;

    @Override
    public @Nullable ByteBuffer subscriptionUserData(Set<String> topics) {
        List<TopicPartition> assignment = memberAssignment;
        return assignment == null ? null : StickyUserData.encodeSticky(assignment, generation);
    }

    @Override
    public GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, MemberData> previous = new HashMap<>();
        subscriptions.forEach((member, subscription) -> previous.put(member, memberData(subscription)));
        Map<String, List<TopicPartition>> assigned =
                StickyAssignment.assign(partitionsPerTopic, subscriptions, previous);
        Map<String, Assignment> result = new HashMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return new GroupAssignment(result);
    }

    /** What {@code subscription}'s member owned: from its user data, as an eager member reports nothing else. */
    MemberData memberData(Subscription subscription) {
        ByteBuffer userData = subscription.userData();
        if (userData == null || !userData.hasRemaining()) {
            return new MemberData(List.of(), Optional.empty());
        }
        return StickyUserData.decodeSticky(userData);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        memberAssignment = assignment.partitions();
        generation = metadata.generationId();
    }

    @Override
    public String name() {
        return STICKY_ASSIGNOR_NAME;
    }
}
