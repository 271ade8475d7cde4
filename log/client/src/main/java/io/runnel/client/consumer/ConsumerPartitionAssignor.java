package io.runnel.client.consumer;

import io.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides which member of a consumer group reads which partition, as Kafka's {@code ConsumerPartitionAssignor}. The
 * group's leader runs it once per rebalance over every member's {@link Subscription}; each member then gets its
 * {@link Assignment}. Runnel ships {@link RangeAssignor} ({@code range}), {@link RoundRobinAssignor} ({@code
 * roundrobin}), {@link StickyAssignor} ({@code sticky}) and {@link CooperativeStickyAssignor} ({@code
 * cooperative-sticky}). Range and round robin compute exactly what Kafka's assignors of those names compute; the
 * sticky ones keep Kafka's rules (balance, stickiness, cooperative hand-over, the same user data) with an algorithm of
 * their own. Runnel and Kafka consumers can share a group and either may lead it.
 *
 * <p>One difference from Kafka's interface: {@link #assign} receives the partition count of each topic instead of a
 * {@code Cluster}.
 *
 * <p>An implementation named in {@code partition.assignment.strategy} needs a public no-argument constructor. {@link
 * #subscriptionUserData} and {@link #onAssignment} run on the application thread, {@link #assign} on the consumer's I/O
 * thread; an instance is used by one consumer.
 */
public interface ConsumerPartitionAssignor {
    /**
     * Called once by the consumer that created this assignor, before any other method, with the consumer's
     * configuration as it was given (unknown keys included), as Kafka calls {@code Configurable.configure} on its
     * assignors. The built-in assignors ignore it.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException if the configuration does not fit this assignor
     */
    default void configure(Map<String, ?> configs) {}

    /**
     * Bytes this member adds to its subscription for the leader's {@link #assign} (Kafka's sticky assignors put the
     * previous assignment here), or null.
     */
    default @Nullable ByteBuffer subscriptionUserData(java.util.Set<String> topics) {
        return null;
    }

    /**
     * The assignment of the group.
     *
     * @param partitionsPerTopic the partition count of every topic some member subscribes to and the cluster knows
     * @param groupSubscription every member's subscription, by member id
     */
    GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription);

    /** This member's assignment arrived, for the generation in {@code metadata}. */
    default void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {}

    /** The rebalance protocols this assignor works with, the preferred one first. */
    default List<RebalanceProtocol> supportedProtocols() {
        return List.of(RebalanceProtocol.EAGER);
    }

    /** The version of this assignor's user data. */
    default short version() {
        return 0;
    }

    /** The protocol name in JoinGroup; members of one group must agree on it. */
    String name();

    /**
     * What a member subscribes to, as sent in JoinGroup ({@code ConsumerProtocolSubscription}). Immutable, except that
     * the user data is a view the receiver must not modify.
     *
     * @param topics the topics the member subscribes to
     * @param userData the assignor's bytes, or null
     * @param ownedPartitions the partitions the member owns now (cooperative protocol; empty with eager)
     * @param generationId the generation in which it got them, if known
     * @param rackId the member's {@code client.rack}, if set
     * @param groupInstanceId the member's {@code group.instance.id} (not part of the bytes: from JoinGroup)
     */
    record Subscription(
            List<String> topics,
            @Nullable ByteBuffer userData,
            List<TopicPartition> ownedPartitions,
            Optional<Integer> generationId,
            Optional<String> rackId,
            Optional<String> groupInstanceId) {
        public Subscription {
            topics = List.copyOf(topics);
            ownedPartitions = List.copyOf(ownedPartitions);
            Objects.requireNonNull(generationId, "generationId");
            Objects.requireNonNull(rackId, "rackId");
            Objects.requireNonNull(groupInstanceId, "groupInstanceId");
        }

        public Subscription(
                List<String> topics,
                @Nullable ByteBuffer userData,
                List<TopicPartition> ownedPartitions,
                int generationId,
                Optional<String> rackId) {
            this(
                    topics,
                    userData,
                    ownedPartitions,
                    generationId < 0 ? Optional.empty() : Optional.of(generationId),
                    rackId,
                    Optional.empty());
        }

        public Subscription(List<String> topics, @Nullable ByteBuffer userData, List<TopicPartition> ownedPartitions) {
            this(topics, userData, ownedPartitions, -1, Optional.empty());
        }

        public Subscription(List<String> topics, @Nullable ByteBuffer userData) {
            this(topics, userData, List.of());
        }

        public Subscription(List<String> topics) {
            this(topics, null);
        }

        /** This subscription with the member's {@code group.instance.id}. */
        public Subscription withGroupInstanceId(Optional<String> instanceId) {
            return new Subscription(topics, userData, ownedPartitions, generationId, rackId, instanceId);
        }
    }

    /**
     * What a member is given, as sent in SyncGroup ({@code ConsumerProtocolAssignment}).
     *
     * @param partitions the partitions the member reads
     * @param userData the assignor's bytes, or null
     */
    record Assignment(List<TopicPartition> partitions, @Nullable ByteBuffer userData) {
        public Assignment {
            partitions = List.copyOf(partitions);
        }

        public Assignment(List<TopicPartition> partitions) {
            this(partitions, null);
        }
    }

    /** Every member's subscription, by member id. */
    record GroupSubscription(Map<String, Subscription> groupSubscription) {
        public GroupSubscription {
            groupSubscription = Map.copyOf(groupSubscription);
        }
    }

    /** Every member's assignment, by member id. */
    record GroupAssignment(Map<String, Assignment> groupAssignment) {
        public GroupAssignment {
            groupAssignment = Map.copyOf(groupAssignment);
        }
    }

    /**
     * How a group moves partitions. {@link #EAGER}: every member revokes all its partitions before rejoining. {@link
     * #COOPERATIVE}: members keep their partitions through a rebalance and revoke only those that move, which then
     * takes a second rebalance to reach their new owner.
     */
    enum RebalanceProtocol {
        EAGER((byte) 0),
        COOPERATIVE((byte) 1);

        private final byte id;

        RebalanceProtocol(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        /** The protocol with this id. */
        public static RebalanceProtocol forId(byte id) {
            return switch (id) {
                case 0 -> EAGER;
                case 1 -> COOPERATIVE;
                default -> throw new IllegalArgumentException("Unknown rebalance protocol id: " + id);
            };
        }

        @Override
        public String toString() {
            return name().toUpperCase(Locale.ROOT);
        }
    }
}
