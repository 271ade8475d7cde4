package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.admin.ConsumerGroupDescription;
import io.runnel.client.admin.ConsumerGroupListing;
import io.runnel.client.admin.MemberAssignment;
import io.runnel.client.admin.MemberDescription;
import io.runnel.client.internal.ConsumerProtocolAssignment;
import io.runnel.common.GroupState;
import io.runnel.common.GroupType;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.DeleteGroupsRequest;
import io.runnel.protocol.message.DeleteGroupsResponse;
import io.runnel.protocol.message.DescribeGroupsRequest;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The calls on whole consumer groups: list (every broker lists the groups it coordinates), describe and delete (each
 * group's coordinator, through {@link CoordinatorRouting}).
 */
public final class GroupCalls {
    /** The protocol type of groups whose members are consumers. */
    static final String CONSUMER_PROTOCOL_TYPE = "consumer";

    private GroupCalls() {}

    /**
     * Lists the consumer groups of every broker: a metadata call finds the brokers, then each gets a ListGroups
     * request. Groups with another protocol type (Connect workers, say) are left out, as Kafka's admin client does.
     */
    public static Call listConsumerGroups(
            Set<GroupState> states,
            Set<GroupType> types,
            CompletableFuture<Collection<ConsumerGroupListing>> valid,
            CompletableFuture<Collection<Throwable>> errors,
            long deadlineMs) {
        return new MetadataCall(
                "ListGroups(metadata)",
                deadlineMs,
                List.of(),
                (response, runner) -> {
                    List<Node> brokers = new ArrayList<>();
                    for (MetadataResponse.MetadataResponseBroker broker : response.brokers()) {
                        brokers.add(new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack()));
                    }
                    ListGroupsCall.GroupListing listing =
                            new ListGroupsCall.GroupListing(brokers.size(), valid, errors);
                    brokers.forEach(
                            broker -> runner.enqueue(new ListGroupsCall(broker, states, types, listing, deadlineMs)));
                },
                error -> {
                    valid.completeExceptionally(error);
                    errors.completeExceptionally(error);
                });
    }

    /** Describes groups through their coordinators. */
    public static Call describeConsumerGroups(
            Collection<String> groupIds,
            Map<String, CompletableFuture<ConsumerGroupDescription>> futures,
            long deadlineMs) {
        return CoordinatorRouting.route(
                "DescribeGroups",
                groupIds,
                deadlineMs,
                CoordinatorRouting.failing(futures),
                (coordinator, forCoordinator, restart) ->
                        new CoordinatorRouting.CoordinatorCall(
                                "DescribeGroups",
                                deadlineMs,
                                coordinator,
                                forCoordinator,
                                CoordinatorRouting.failing(futures)) {
                            @Override
                            protected ApiKey apiKey() {
                                return ApiKey.DESCRIBE_GROUPS;
                            }

                            @Override
                            protected Message request(int timeoutMs) {
                                return new DescribeGroupsRequest(groups, false);
                            }

                            @Override
                            protected void handle(Message response, AdminRunner runner) {
                                CoordinatorRouting.Retries retries = new CoordinatorRouting.Retries();
                                for (DescribeGroupsResponse.DescribedGroup group :
                                        ((DescribeGroupsResponse) response).groups()) {
                                    CompletableFuture<ConsumerGroupDescription> future = futures.get(group.groupId());
                                    if (future == null || !groups.contains(group.groupId())) {
                                        continue;
                                    }
                                    RunnelException error = AdminErrors.exception(group.errorCode(), null);
                                    if (error != null && CoordinatorRouting.coordinatorMoved(group.errorCode())) {
                                        retries.add(group.groupId(), error);
                                    } else if (error != null) {
                                        future.completeExceptionally(error);
                                    } else {
                                        complete(future, group, coordinator);
                                    }
                                }
                                unanswered(groups, futures, retries);
                                retries.restartIfAny(runner, restart);
                            }
                        });
    }

    private static void complete(
            CompletableFuture<ConsumerGroupDescription> future,
            DescribeGroupsResponse.DescribedGroup group,
            Node coordinator) {
        String protocolType = group.protocolType();
        if (!protocolType.isEmpty() && !protocolType.equals(CONSUMER_PROTOCOL_TYPE)) {
            future.completeExceptionally(new IllegalArgumentException(
                    "group " + group.groupId() + " is not a consumer group (protocol type " + protocolType + ")"));
            return;
        }
        try {
            List<MemberDescription> members = new ArrayList<>();
            for (DescribeGroupsResponse.DescribedGroupMember member : group.members()) {
                Set<io.runnel.common.TopicPartition> assigned = protocolType.isEmpty()
                        ? Set.of()
                        : new HashSet<>(ConsumerProtocolAssignment.decode(member.memberAssignment())
                                .partitions());
                members.add(new MemberDescription(
                        member.memberId(),
                        Optional.ofNullable(member.groupInstanceId()),
                        member.clientId(),
                        member.clientHost(),
                        new MemberAssignment(assigned)));
            }
            future.complete(new ConsumerGroupDescription(
                    group.groupId(),
                    protocolType.isEmpty(),
                    members,
                    group.protocolData(),
                    GroupType.CLASSIC,
                    GroupState.parse(group.groupState()),
                    coordinator));
        } catch (IllegalArgumentException e) {
            future.completeExceptionally(new RunnelException(
                    "group " + group.groupId() + " has a member assignment that cannot be read: " + e.getMessage(), e));
        }
    }

    /** Deletes groups through their coordinators. */
    public static Call deleteConsumerGroups(
            Collection<String> groupIds, Map<String, CompletableFuture<Void>> futures, long deadlineMs) {
        return CoordinatorRouting.route(
                "DeleteGroups",
                groupIds,
                deadlineMs,
                CoordinatorRouting.failing(futures),
                (coordinator, forCoordinator, restart) ->
                        new CoordinatorRouting.CoordinatorCall(
                                "DeleteGroups",
                                deadlineMs,
                                coordinator,
                                forCoordinator,
                                CoordinatorRouting.failing(futures)) {
                            @Override
                            protected ApiKey apiKey() {
                                return ApiKey.DELETE_GROUPS;
                            }

                            @Override
                            protected Message request(int timeoutMs) {
                                return new DeleteGroupsRequest(groups);
                            }

                            @Override
                            protected void handle(Message response, AdminRunner runner) {
                                CoordinatorRouting.Retries retries = new CoordinatorRouting.Retries();
                                for (DeleteGroupsResponse.DeletableGroupResult result :
                                        ((DeleteGroupsResponse) response).results()) {
                                    CompletableFuture<Void> future = futures.get(result.groupId());
                                    if (future == null || !groups.contains(result.groupId())) {
                                        continue;
                                    }
                                    RunnelException error = AdminErrors.exception(result.errorCode(), null);
                                    if (error != null && CoordinatorRouting.coordinatorMoved(result.errorCode())) {
                                        retries.add(result.groupId(), error);
                                    } else if (error != null) {
                                        future.completeExceptionally(error);
                                    } else {
                                        future.complete(null);
                                    }
                                }
                                unanswered(groups, futures, retries);
                                retries.restartIfAny(runner, restart);
                            }
                        });
    }

    /** Fails the groups the coordinator did not answer for (and that are not being retried). */
    private static void unanswered(
            List<String> groups,
            Map<String, ? extends CompletableFuture<?>> futures,
            CoordinatorRouting.Retries retries) {
        for (String group : groups) {
            CompletableFuture<?> future = Call.required(futures, group);
            if (!future.isDone() && !retries.contains(group)) {
                future.completeExceptionally(new RunnelException("the coordinator did not answer for group " + group));
            }
        }
    }
}
