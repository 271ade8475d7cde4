package io.runnel.client.admin;

import io.runnel.client.Node;
import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A consumer group as its coordinator describes it, as Kafka's {@code ConsumerGroupDescription}. Immutable.
 *
 * @param groupId the group id
 * @param isSimpleConsumerGroup whether the group only stores offsets (an empty protocol type)
 * @param members its members, with their assignments
 * @param partitionAssignor the assignor the members agreed on ({@code range}, {@code cooperative-sticky}, ...), empty
 *     when the group has no members
 * @param type the group's type; groups described through DescribeGroups are {@link GroupType#CLASSIC}
 * @param groupState its state; {@link GroupState#DEAD} for a group that does not exist
 * @param coordinator the broker coordinating the group
 */
public record ConsumerGroupDescription(
        String groupId,
        boolean isSimpleConsumerGroup,
        Collection<MemberDescription> members,
        String partitionAssignor,
        GroupType type,
        GroupState groupState,
        Node coordinator) {
    public ConsumerGroupDescription {
        Objects.requireNonNull(groupId, "groupId");
        members = List.copyOf(members);
        Objects.requireNonNull(partitionAssignor, "partitionAssignor");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(groupState, "groupState");
        Objects.requireNonNull(coordinator, "coordinator");
    }
}
