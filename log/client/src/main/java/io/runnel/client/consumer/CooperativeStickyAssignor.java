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

/**
 * Kafka's {@code cooperative-sticky} assignor: the sticky assignment ({@link StickyAssignor}) with the cooperative
 * protocol. Members keep their partitions through a rebalance; a partition that must move is first only taken away
 * from its owner (left unassigned), and the owner's revocation triggers a second rebalance that gives it to its new
 * owner. Previous ownership comes from the owned partitions and generation members report in their subscriptions; the
 * user data carries the generation too, in Kafka's format, for members of older protocol versions.
 *
 * <p>Keeps the generation of this member's last assignment; one instance per consumer.
 */
public class CooperativeStickyAssignor implements ConsumerPartitionAssignor {
    /** The protocol name. */
    public static final String COOPERATIVE_STICKY_ASSIGNOR_NAME = "cooperative-sticky";

    private int generation = -1;

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return StickyUserData.encodeGeneration(generation);
    }

    @Override
    public GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription) {
        Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
        Map<String, MemberData> previous = new HashMap<>();
        Map<String, List<TopicPartition>> owned = new HashMap<>();
        subscriptions.forEach((member, subscription) -> {
            Optional<Integer> memberGeneration = subscription.generationId();
            ByteBuffer userData = subscription.userData();
            if (memberGeneration.isEmpty() && userData != null) {
                memberGeneration = StickyUserData.decodeGeneration(userData);
            }
            previous.put(member, new MemberData(subscription.ownedPartitions(), memberGeneration));
            owned.put(member, subscription.ownedPartitions());
        });
        Map<String, List<TopicPartition>> assigned = StickyAssignment.withoutTransfers(
                StickyAssignment.assign(partitionsPerTopic, subscriptions, previous), owned);
        Map<String, Assignment> result = new HashMap<>();
        assigned.forEach((member, partitions) -> result.put(member, new Assignment(partitions)));
        return new GroupAssignment(result);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        generation = metadata.generationId();
    }

    @Override
    public List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.COOPERATIVE, RebalanceProtocol.EAGER);
    }

    @Override
    public String name() {
        return COOPERATIVE_STICKY_ASSIGNOR_NAME;
    }
}
