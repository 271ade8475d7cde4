package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.admin.ConsumerGroupListing;
import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.ListGroupsRequest;
import io.runnel.protocol.message.ListGroupsResponse;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * ListGroups to one broker, which lists the groups it coordinates. A broker whose coordinator is still loading or not
 * available is asked again after the backoff; any other error is that broker's entry in {@link GroupListing}'s errors.
 */
final class ListGroupsCall extends Call {
    private final Node broker;
    private final Set<GroupState> states;
    private final Set<GroupType> types;
    private final GroupListing listing;

    ListGroupsCall(Node broker, Set<GroupState> states, Set<GroupType> types, GroupListing listing, long deadlineMs) {
        super("ListGroups", deadlineMs);
        this.broker = broker;
        this.states = states;
        this.types = types;
        this.listing = listing;
    }

    @Override
    protected Node target(Targets targets) {
        return broker;
    }

    @Override
    protected ApiKey apiKey() {
        return ApiKey.LIST_GROUPS;
    }

    @Override
    protected Message request(int timeoutMs) {
        return new ListGroupsRequest(
                states.stream().map(GroupState::toString).sorted().toList(),
                types.stream().map(GroupType::toString).sorted().toList());
    }

    @Override
    protected void handle(Message response, AdminRunner runner) {
        ListGroupsResponse listed = (ListGroupsResponse) response;
        RunnelException error = AdminErrors.exception(listed.errorCode(), null);
        if (error != null && CoordinatorRouting.coordinatorMoved(listed.errorCode())) {
            runner.retryLater(new ListGroupsCall(broker, states, types, listing, deadlineMs), error);
            return;
        }
        if (error != null) {
            listing.failed(error);
            return;
        }
        List<ConsumerGroupListing> groups = new ArrayList<>();
        for (ListGroupsResponse.ListedGroup group : listed.groups()) {
            if (isConsumerGroup(group)) {
                groups.add(new ConsumerGroupListing(
                        group.groupId(),
                        group.groupState().isEmpty()
                                ? Optional.empty()
                                : Optional.of(GroupState.parse(group.groupState())),
                        group.groupType().isEmpty()
                                ? Optional.empty()
                                : Optional.of(GroupType.parse(group.groupType())),
                        group.protocolType().isEmpty()));
            }
        }
        listing.listed(groups);
    }

    /**
     * A classic group of consumers (or a simple group that only stores offsets, protocol type empty), or a group of
     * the consumer type; not a Connect, share or streams group.
     */
    private static boolean isConsumerGroup(ListGroupsResponse.ListedGroup group) {
        String protocolType = group.protocolType();
        boolean consumers = protocolType.isEmpty() || protocolType.equals(GroupCalls.CONSUMER_PROTOCOL_TYPE);
        GroupType type = group.groupType().isEmpty() ? GroupType.CLASSIC : GroupType.parse(group.groupType());
        return consumers && (type == GroupType.CLASSIC || type == GroupType.CONSUMER);
    }

    @Override
    protected void fail(Throwable error) {
        listing.failed(error);
    }

    /** The listings of every broker, collected on the I/O thread until each broker has answered or failed. */
    static final class GroupListing {
        private final CompletableFuture<Collection<ConsumerGroupListing>> valid;
        private final CompletableFuture<Collection<Throwable>> errors;
        private final List<ConsumerGroupListing> groups = new ArrayList<>();
        private final List<Throwable> failures = new ArrayList<>();
        private int waiting;

        GroupListing(
                int brokers,
                CompletableFuture<Collection<ConsumerGroupListing>> valid,
                CompletableFuture<Collection<Throwable>> errors) {
            this.waiting = brokers;
            this.valid = valid;
            this.errors = errors;
            completeIfDone();
        }

        void listed(List<ConsumerGroupListing> listed) {
            groups.addAll(listed);
            waiting--;
            completeIfDone();
        }

        void failed(Throwable error) {
            failures.add(error);
            waiting--;
            completeIfDone();
        }

        private void completeIfDone() {
            if (waiting == 0) {
                valid.complete(List.copyOf(groups));
                errors.complete(List.copyOf(failures));
            }
        }
    }
}
