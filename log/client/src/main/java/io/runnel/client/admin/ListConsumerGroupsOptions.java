package io.runnel.client.admin;

import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import java.util.Set;

/**
 * Options of {@link Admin#listConsumerGroups}: which states and types to list (all when empty), and the timeout. The
 * brokers filter by state and type themselves.
 */
public final class ListConsumerGroupsOptions extends AbstractOptions<ListConsumerGroupsOptions> {
    private Set<GroupState> groupStates = Set.of();
    private Set<GroupType> types = Set.of();

    /** Lists only the groups in one of these states; an empty set lists every state. */
    public ListConsumerGroupsOptions inGroupStates(Set<GroupState> groupStates) {
        this.groupStates = Set.copyOf(groupStates);
        return this;
    }

    /** Lists only the groups of these types; an empty set lists classic and consumer groups. */
    public ListConsumerGroupsOptions withTypes(Set<GroupType> types) {
        this.types = Set.copyOf(types);
        return this;
    }

    public Set<GroupState> groupStates() {
        return groupStates;
    }

    public Set<GroupType> types() {
        return types;
    }
}
