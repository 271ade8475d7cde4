package io.runnel.broker.group;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.DeleteGroupsResponse;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.HeartbeatResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.LeaveGroupResponse;
import io.runnel.protocol.message.ListGroupsRequest;
import io.runnel.protocol.message.ListGroupsResponse;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetDeleteResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator as a state machine: classic consumer groups (membership and rebalances in {@link
 * GroupMembership}, committed offsets in {@link GroupOffsets}), kept in the {@code __consumer_offsets} partitions it
 * owns ({@link GroupStore}). It has no sockets and no threads: requests, timer tasks and loads are events applied in
 * order by one thread ({@link CoordinatorRuntime} in the broker; tests call it directly with a manual clock and
 * timer), and answers go to callbacks.
 *
 * <p>Every request is first checked for its group id (empty: INVALID_GROUP_ID) and for whether this coordinator owns
 * the group's partition (NOT_COORDINATOR); a partition still loading is answered before the request gets here.
 *
 * <p>Not thread-safe: confined to the coordinator thread.
 */
final class GroupCoordinator {
    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();
    /** DescribeGroups' value when authorized operations were not asked for. */
    private static final int NO_AUTHORIZED_OPERATIONS = Integer.MIN_VALUE;
    /** The only group type Runnel has: Kafka's name for groups of the JoinGroup / SyncGroup protocol. */
    static final String CLASSIC = "classic";

    private final GroupStore store;
    private final GroupMembership membership;
    private final GroupOffsets offsets;
    private final String logPrefix;

    GroupCoordinator(
            GroupCoordinatorConfig config, GroupLog groupLog, CoordinatorTimer timer, Time time, int brokerId) {
        this(config, groupLog, timer, time, brokerId, () -> UUID.randomUUID().toString());
    }

    GroupCoordinator(
            GroupCoordinatorConfig config,
            GroupLog groupLog,
            CoordinatorTimer timer,
            Time time,
            int brokerId,
            Supplier<String> uniqueIds) {
        this.logPrefix = "[GroupCoordinator id=" + brokerId + "]";
        this.store = new GroupStore(config.offsetsTopicPartitions(), groupLog, time, logPrefix);
        this.membership = new GroupMembership(config, store, timer, time, uniqueIds, logPrefix);
        this.offsets = new GroupOffsets(config, store, membership, time, logPrefix);
    }

    /** The {@code __consumer_offsets} partition that holds {@code groupId}. */
    int partitionFor(String groupId) {
        return store.partitionFor(groupId);
    }

    /** Takes over a partition that holds no records yet. */
    void ownEmpty(int partition) {
        store.ownEmpty(partition);
    }

    /** Loads a partition's groups and offsets from the log and takes it over. */
    void load(int partition) {
        List<ClassicGroup> loaded = store.load(partition);
        for (ClassicGroup group : loaded) {
            membership.loaded(group);
        }
        if (!loaded.isEmpty()) {
            log.info("{} Loaded {} groups from __consumer_offsets-{}", logPrefix, loaded.size(), partition);
        }
    }

    /** INVALID_GROUP_ID, NOT_COORDINATOR, or null when the request may go on. */
    private @Nullable Errors check(String groupId) {
        if (groupId.isEmpty() || groupId.getBytes(StandardCharsets.UTF_8).length > Short.MAX_VALUE) {
            return Errors.INVALID_GROUP_ID;
        }
        return store.owns(store.partitionFor(groupId)) ? null : Errors.NOT_COORDINATOR;
    }

    void joinGroup(JoinGroupRequest request, String clientId, String clientHost, Consumer<JoinGroupResponse> callback) {
        Errors error = check(request.groupId());
        if (error != null) {
            callback.accept(
                    new JoinGroupResponse(0, error.code(), -1, null, null, "", false, request.memberId(), List.of()));
            return;
        }
        membership.joinGroup(request, new GroupMembership.Client(clientId, clientHost), callback);
    }

    void syncGroup(SyncGroupRequest request, Consumer<SyncGroupResponse> callback) {
        Errors error = check(request.groupId());
        if (error != null) {
            callback.accept(new SyncGroupResponse(0, error.code(), null, null, EMPTY));
            return;
        }
        membership.syncGroup(request, callback);
    }

    HeartbeatResponse heartbeat(HeartbeatRequest request) {
        Errors error = check(request.groupId());
        return new HeartbeatResponse(0, (error != null ? error : membership.heartbeat(request)).code());
    }

    LeaveGroupResponse leaveGroup(LeaveGroupRequest request) {
        Errors error = check(request.groupId());
        if (error != null) {
            return new LeaveGroupResponse(0, error.code(), List.of());
        }
        return membership.leaveGroup(request);
    }

    OffsetCommitResponse commitOffsets(OffsetCommitRequest request) {
        Errors error = check(request.groupId());
        if (error == null) {
            return offsets.commit(request);
        }
        List<OffsetCommitResponse.OffsetCommitResponseTopic> topics = new ArrayList<>();
        for (OffsetCommitRequest.OffsetCommitRequestTopic topic : request.topics()) {
            topics.add(new OffsetCommitResponse.OffsetCommitResponseTopic(
                    topic.name(),
                    topic.partitions().stream()
                            .map(p -> new OffsetCommitResponse.OffsetCommitResponsePartition(
                                    p.partitionIndex(), error.code()))
                            .toList()));
        }
        return new OffsetCommitResponse(0, topics);
    }

    OffsetFetchResponse.OffsetFetchResponseGroup fetchOffsets(OffsetFetchRequest.OffsetFetchRequestGroup request) {
        Errors error = check(request.groupId());
        if (error != null) {
            return new OffsetFetchResponse.OffsetFetchResponseGroup(request.groupId(), List.of(), error.code());
        }
        return offsets.fetch(request);
    }

    OffsetDeleteResponse deleteOffsets(OffsetDeleteRequest request) {
        Errors error = check(request.groupId());
        if (error != null) {
            return new OffsetDeleteResponse(error.code(), 0, List.of());
        }
        return offsets.delete(request);
    }

    /** The groups of the partitions owned here, filtered by state and type names (case-insensitive; empty: all). */
    List<ListGroupsResponse.ListedGroup> listGroups(ListGroupsRequest request) {
        Set<String> states = request.statesFilter().stream()
                .map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        boolean classicWanted = request.typesFilter().isEmpty()
                || request.typesFilter().stream().anyMatch(CLASSIC::equalsIgnoreCase);
        List<ListGroupsResponse.ListedGroup> listed = new ArrayList<>();
        if (!classicWanted) {
            return listed;
        }
        for (ClassicGroup group : store.all()) {
            String state = group.state().kafkaName();
            if (group.is(GroupState.DEAD) || (!states.isEmpty() && !states.contains(state.toLowerCase(Locale.ROOT)))) {
                continue;
            }
            if (group.is(GroupState.EMPTY)
                    && group.generation() == 0
                    && group.offsets().isEmpty()) {
                continue; // a group whose first members have not joined yet
            }
            String protocolType = group.protocolType() == null ? "" : group.protocolType();
            listed.add(new ListGroupsResponse.ListedGroup(group.groupId(), protocolType, state, CLASSIC));
        }
        return listed;
    }

    /**
     * One group as DescribeGroups shows it: an unknown group is reported Dead with no error; members carry their
     * metadata and assignment only while the group is Stable.
     */
    DescribeGroupsResponse.DescribedGroup describeGroup(String groupId) {
        Errors error = check(groupId);
        if (error != null) {
            return new DescribeGroupsResponse.DescribedGroup(
                    error.code(), groupId, "", "", "", List.of(), NO_AUTHORIZED_OPERATIONS);
        }
        ClassicGroup group = store.get(groupId);
        if (group == null) {
            return new DescribeGroupsResponse.DescribedGroup(
                    Errors.NONE.code(),
                    groupId,
                    GroupState.DEAD.kafkaName(),
                    "",
                    "",
                    List.of(),
                    NO_AUTHORIZED_OPERATIONS);
        }
        boolean stable = group.is(GroupState.STABLE);
        List<DescribeGroupsResponse.DescribedGroupMember> members = new ArrayList<>();
        for (GroupMember member : group.members().values()) {
            members.add(new DescribeGroupsResponse.DescribedGroupMember(
                    member.memberId(),
                    member.groupInstanceId(),
                    member.clientId(),
                    member.clientHost(),
                    stable ? member.metadata(group.protocolName()) : EMPTY,
                    stable ? member.assignment() : EMPTY));
        }
        String protocol = stable && group.protocolName() != null ? group.protocolName() : "";
        return new DescribeGroupsResponse.DescribedGroup(
                Errors.NONE.code(),
                groupId,
                group.state().kafkaName(),
                group.protocolType() == null ? "" : group.protocolType(),
                protocol,
                members,
                NO_AUTHORIZED_OPERATIONS);
    }

    /** DeleteGroups for one group: only a group without members, with its offsets. */
    DeleteGroupsResponse.DeletableGroupResult deleteGroup(String groupId) {
        Errors error = check(groupId);
        if (error == null) {
            error = delete(groupId);
        }
        return new DeleteGroupsResponse.DeletableGroupResult(groupId, error.code());
    }

    private Errors delete(String groupId) {
        ClassicGroup group = store.get(groupId);
        if (group == null || group.is(GroupState.DEAD)) {
            return Errors.GROUP_ID_NOT_FOUND;
        }
        if (!group.isEmpty() || !group.pendingMembers().isEmpty()) {
            return Errors.NON_EMPTY_GROUP;
        }
        List<GroupLog.Entry> tombstones = new ArrayList<>();
        for (TopicPartition tp : group.offsets().keySet()) {
            tombstones.add(new GroupLog.Entry(GroupRecords.offsetKey(groupId, tp), null));
        }
        tombstones.add(new GroupLog.Entry(GroupRecords.groupKey(groupId), null));
        try {
            store.append(group, tombstones);
        } catch (RunnelException e) {
            log.warn("{} Could not delete group {}: {}", logPrefix, groupId, e.getMessage());
            return GroupStore.storeError(e);
        }
        membership.forget(group);
        group.transitionTo(GroupState.DEAD, 0L);
        store.remove(groupId);
        log.info("{} Deleted group {}", logPrefix, groupId);
        return Errors.NONE;
    }

    /** Removes expired offsets and the groups left with nothing; called every {@code offsets.retention.check.interval.ms}. */
    void expireOffsets() {
        for (ClassicGroup group : offsets.expire()) {
            membership.forget(group);
        }
    }
}
