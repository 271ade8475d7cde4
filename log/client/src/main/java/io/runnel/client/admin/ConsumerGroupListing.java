package io.runnel.client.admin;

import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import java.util.Objects;
import java.util.Optional;

/**
 * A consumer group found by {@link Admin#listConsumerGroups}, as Kafka's {@code ConsumerGroupListing}. Immutable.
 *
 * @param groupId the group id
 * @param groupState its state, if the broker reported one
 * @param type its type (classic or consumer), if the broker reported one
 * @param isSimpleConsumerGroup whether the group only stores offsets, with no members ever having joined it through
 *     the group protocol (an empty protocol type)
 */
public record ConsumerGroupListing(
        String groupId, Optional<GroupState> groupState, Optional<GroupType> type, boolean isSimpleConsumerGroup) {
    public ConsumerGroupListing {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(groupState, "groupState");
        Objects.requireNonNull(type, "type");
    }

    /** A listing with no state nor type. */
    public ConsumerGroupListing(String groupId, boolean isSimpleConsumerGroup) {
        this(groupId, Optional.empty(), Optional.empty(), isSimpleConsumerGroup);
    }

    /** A listing with a state and no type. */
    public ConsumerGroupListing(String groupId, Optional<GroupState> groupState, boolean isSimpleConsumerGroup) {
        this(groupId, groupState, Optional.empty(), isSimpleConsumerGroup);
    }
}
