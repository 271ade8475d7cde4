package io.runnel.broker.group;

import io.runnel.common.Time;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.LeaveGroupResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classic group membership protocol: JoinGroup, SyncGroup, Heartbeat and LeaveGroup, and the timeouts that move a
 * group on when members do not (session, rebalance, initial delay, sync), with Kafka's rules.
 *
 * <h2>A rebalance</h2>
 *
 * A join by a new member, a leaving or failed member, a member whose protocols changed, or a JoinGroup from the
 * leader moves the group to PreparingRebalance. Every member must then send JoinGroup within the group's rebalance
 * timeout (the longest of its members'); a parked JoinGroup is answered when all have (or at the timeout, without the
 * dynamic members that did not). The answer starts a new generation: the protocol every member supports with the most
 * first-choice votes, and a leader, which alone receives the members' metadata. The leader computes the assignment
 * and sends it in its SyncGroup; the coordinator writes the group to {@code __consumer_offsets} and only then answers
 * every parked SyncGroup with the member's share, and the group is Stable. Members that do not sync within the
 * rebalance timeout are removed and the group rebalances again.
 *
 * <h2>Member ids</h2>
 *
 * A dynamic member's first JoinGroup is answered MEMBER_ID_REQUIRED with an id it must join with again within its
 * session timeout. A static member ({@code group.instance.id}) gets an id at once; when it restarts and joins with an
 * empty id, it takes its old place: the old id is fenced (FENCED_INSTANCE_ID) and, in a Stable group whose protocols
 * did not change, it gets the current generation and assignment back with no rebalance.
 *
 * <p>Not thread-safe: every method, timer task and response callback runs on the coordinator thread. Callbacks run
 * synchronously; they must not block.
 */
final class GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final GroupCoordinatorConfig config;
    private final GroupStore store;
    private final CoordinatorTimer timer;
    private final Time time;
    private final Supplier<String> uniqueIds;
    private final String logPrefix;

    GroupMembership(
            GroupCoordinatorConfig config,
            GroupStore store,
            CoordinatorTimer timer,
            Time time,
            Supplier<String> uniqueIds,
            String logPrefix) {
        this.config = config;
        this.store = store;
        this.timer = timer;
        this.time = time;
        this.uniqueIds = uniqueIds;
        this.logPrefix = logPrefix;
    }

    /** The facts of a request that its body does not carry. */
    record Client(String clientId, String clientHost) {}

    // ------------------------------------------------------------------------------------------------ JoinGroup

    void joinGroup(JoinGroupRequest request, Client client, Consumer<JoinGroupResponse> callback) {
        int session = request.sessionTimeoutMs();
        if (session < config.minSessionTimeout().toMillis()
                || session > config.maxSessionTimeout().toMillis()) {
            callback.accept(joinError(request.memberId(), Errors.INVALID_SESSION_TIMEOUT));
            return;
        }
        boolean unknownMember = request.memberId().isEmpty();
        ClassicGroup group = store.get(request.groupId());
        if (group == null) {
            if (!unknownMember) {
                callback.accept(joinError(request.memberId(), Errors.UNKNOWN_MEMBER_ID));
                return;
            }
            group = store.getOrCreate(request.groupId());
        }
        Map<String, ByteBuffer> protocols = new LinkedHashMap<>();
        for (JoinGroupRequest.JoinGroupRequestProtocol protocol : request.protocols()) {
            // The request's buffers are views of a network frame released after the response: keep copies.
            protocols.putIfAbsent(protocol.name(), copy(protocol.metadata()));
        }
        Errors error = null;
        if (group.is(GroupState.DEAD)) {
            error = Errors.COORDINATOR_NOT_AVAILABLE;
        } else if (!group.supportsProtocols(request.protocolType(), protocols.keySet())) {
            error = Errors.INCONSISTENT_GROUP_PROTOCOL;
        }
        if (error != null) {
            callback.accept(joinError(request.memberId(), error));
            removeIfUnused(group);
            return;
        }
        JoinArguments join = new JoinArguments(request, client, protocols, callback);
        if (unknownMember) {
            joinUnknownMember(group, join);
        } else {
            joinKnownMember(group, join);
        }
        removeIfUnused(group);
    }

    /** What a JoinGroup brings, with its protocols copied out of the request frame. */
    private record JoinArguments(
            JoinGroupRequest request,
            Client client,
            Map<String, ByteBuffer> protocols,
            Consumer<JoinGroupResponse> callback) {
        GroupMember newMember(String memberId) {
            return new GroupMember(
                    memberId,
                    request.groupInstanceId(),
                    client.clientId(),
                    client.clientHost(),
                    rebalanceTimeoutMs(),
                    request.sessionTimeoutMs(),
                    request.protocolType(),
                    protocols);
        }

        int rebalanceTimeoutMs() {
            // JoinGroup v0 had no rebalance timeout (-1): it was the session timeout.
            return request.rebalanceTimeoutMs() < 0 ? request.sessionTimeoutMs() : request.rebalanceTimeoutMs();
        }

        void updateMember(GroupMember member) {
            member.update(
                    client.clientId(),
                    client.clientHost(),
                    rebalanceTimeoutMs(),
                    request.sessionTimeoutMs(),
                    protocols);
        }
    }

    private void joinUnknownMember(ClassicGroup group, JoinArguments join) {
        String instanceId = join.request().groupInstanceId();
        if (instanceId == null || group.staticMemberId(instanceId) == null) {
            if (group.members().size() + group.pendingMembers().size() >= config.maxGroupSize()) {
                join.callback().accept(joinError("", Errors.GROUP_MAX_SIZE_REACHED));
                return;
            }
        }
        String memberId = join.client().clientId() + "-" + uniqueIds.get();
        if (instanceId != null) {
            joinStaticMember(group, instanceId, memberId, join);
        } else {
            // Kafka's two-step join: the member must come back with this id, so that a client that times out
            // before reading the answer does not leave a phantom member behind.
            group.pendingMembers().add(memberId);
            timer.schedule(
                    heartbeatKey(group, memberId),
                    time.milliseconds() + join.request().sessionTimeoutMs(),
                    () -> expirePendingMember(group, memberId));
            join.callback().accept(joinError(memberId, Errors.MEMBER_ID_REQUIRED));
        }
    }

    private void joinStaticMember(ClassicGroup group, String instanceId, String newMemberId, JoinArguments join) {
        String oldMemberId = group.staticMemberId(instanceId);
        if (oldMemberId == null) {
            addMemberAndRebalance(group, join.newMember(newMemberId), join.callback());
            return;
        }
        GroupMember member = group.member(oldMemberId);
        if (member == null) {
            throw new IllegalStateException("static member " + instanceId + " of " + group + " has no entry");
        }
        replaceStaticMember(group, member, oldMemberId, newMemberId);
        if (!group.is(GroupState.STABLE)) {
            updateMemberAndRebalance(group, member, join);
            return;
        }
        GroupMember before = member.copy();
        join.updateMember(member);
        // As in Kafka, a restarted static member keeps the generation unless its protocols would change the
        // group's choice; its metadata may differ (a consumer's owned partitions), which the assignment survives.
        if (!group.selectProtocol().equals(group.protocolName())) {
            member.awaitJoin(join.callback());
            prepareRebalance(group, "static member " + instanceId + " rejoined with other protocols");
            return;
        }
        try {
            store.storeGroup(group);
        } catch (RunnelException e) {
            // Put the old id back: the restarted member retries, as after any coordinator error.
            member.restore(before);
            replaceStaticMember(group, member, newMemberId, oldMemberId);
            join.callback().accept(joinError(newMemberId, GroupStore.storeError(e)));
            return;
        }
        scheduleHeartbeat(group, member);
        log.info(
                "{} Static member {} of group {} rejoined as {}; generation {} stays",
                logPrefix,
                instanceId,
                group.groupId(),
                newMemberId,
                group.generation());
        join.callback().accept(currentGeneration(group, newMemberId, group.isLeader(newMemberId)));
    }

    /** Moves a static member to a new id, fencing whatever the old id still waits for. */
    private void replaceStaticMember(ClassicGroup group, GroupMember member, String oldMemberId, String newMemberId) {
        member.completeJoin(joinError(oldMemberId, Errors.FENCED_INSTANCE_ID));
        member.completeSync(syncError(Errors.FENCED_INSTANCE_ID));
        timer.cancel(heartbeatKey(group, oldMemberId));
        group.replaceStaticMember(oldMemberId, newMemberId);
    }

    private void joinKnownMember(ClassicGroup group, JoinArguments join) {
        String memberId = join.request().memberId();
        String instanceId = join.request().groupInstanceId();
        if (group.pendingMembers().contains(memberId)) {
            timer.cancel(heartbeatKey(group, memberId));
            addMemberAndRebalance(group, join.newMember(memberId), join.callback());
            return;
        }
        GroupMember member = group.member(memberId);
        Errors fenced = fencing(group, memberId, instanceId);
        if (fenced != null) {
            join.callback().accept(joinError(memberId, fenced));
            return;
        }
        if (member == null || group.is(GroupState.EMPTY)) {
            join.callback().accept(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
            return;
        }
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, join);
            case COMPLETING_REBALANCE -> {
                if (member.sameProtocols(join.protocols())) {
                    // A repeated JoinGroup (the member missed our answer): the same answer again.
                    join.callback().accept(currentGeneration(group, memberId, group.isLeader(memberId)));
                } else {
                    updateMemberAndRebalance(group, member, join);
                }
            }
            case STABLE -> {
                // A JoinGroup from the leader always rebalances: it is how the leader reacts to changes the members'
                // metadata does not show (a topic gaining partitions).
                if (group.isLeader(memberId) || !member.sameProtocols(join.protocols())) {
                    updateMemberAndRebalance(group, member, join);
                } else {
                    join.callback().accept(currentGeneration(group, memberId, false));
                }
            }
            case EMPTY, DEAD -> join.callback().accept(joinError(memberId, Errors.UNKNOWN_MEMBER_ID));
        }
    }

    private void addMemberAndRebalance(ClassicGroup group, GroupMember member, Consumer<JoinGroupResponse> callback) {
        member.awaitJoin(callback);
        group.add(member);
        if (group.initialDelay()) {
            group.newMemberAdded(true);
        }
        maybePrepareRebalance(group, "member " + member.memberId() + " joined");
    }

    private void updateMemberAndRebalance(ClassicGroup group, GroupMember member, JoinArguments join) {
        join.updateMember(member);
        member.awaitJoin(join.callback());
        maybePrepareRebalance(group, "member " + member.memberId() + " rejoined");
    }

    private void maybePrepareRebalance(ClassicGroup group, String reason) {
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE, EMPTY -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> tryCompleteJoin(group);
            case DEAD -> {}
        }
    }

    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            propagateAssignmentError(group, Errors.REBALANCE_IN_PROGRESS);
        }
        timer.cancel(syncKey(group));
        boolean initial = group.is(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE, time.milliseconds());
        log.info(
                "{} Preparing to rebalance group {} with old generation {}: {}",
                logPrefix,
                group.groupId(),
                group.generation(),
                reason);
        long delay = config.initialRebalanceDelay().toMillis();
        if (initial && delay > 0) {
            group.initialDelay(true);
            group.newMemberAdded(false);
            int rebalanceTimeout = group.rebalanceTimeoutMs();
            long first = Math.min(delay, rebalanceTimeout);
            scheduleInitialDelay(group, first, Math.max(rebalanceTimeout - first, 0));
        } else {
            timer.schedule(joinKey(group), time.milliseconds() + group.rebalanceTimeoutMs(), () -> completeJoin(group));
            tryCompleteJoin(group);
        }
    }

    /**
     * Kafka's initial delay: the first rebalance of an empty group waits {@code group.initial.rebalance.delay.ms},
     * and again while new members keep arriving, up to the rebalance timeout, so that a group whose members start
     * together does not rebalance once per member.
     */
    private void scheduleInitialDelay(ClassicGroup group, long delayMs, long remainingMs) {
        timer.schedule(joinKey(group), time.milliseconds() + delayMs, () -> {
            if (group.newMemberAdded() && remainingMs > 0) {
                group.newMemberAdded(false);
                long next = Math.min(config.initialRebalanceDelay().toMillis(), remainingMs);
                scheduleInitialDelay(group, next, Math.max(remainingMs - next, 0));
            } else {
                group.initialDelay(false);
                completeJoin(group);
            }
        });
    }

    private void tryCompleteJoin(ClassicGroup group) {
        if (group.is(GroupState.PREPARING_REBALANCE) && !group.initialDelay() && group.allMembersJoined()) {
            completeJoin(group);
        }
    }

    /** Ends the join phase: drops dynamic members that did not rejoin, starts the next generation, answers joins. */
    private void completeJoin(ClassicGroup group) {
        if (!group.is(GroupState.PREPARING_REBALANCE)) {
            return;
        }
        timer.cancel(joinKey(group));
        group.initialDelay(false);
        for (GroupMember member : new ArrayList<>(group.members().values())) {
            if (!member.isAwaitingJoin() && !member.isStatic()) {
                timer.cancel(heartbeatKey(group, member.memberId()));
                group.remove(member.memberId());
                log.info(
                        "{} Removed member {} from group {}: it did not rejoin in time",
                        logPrefix,
                        member.memberId(),
                        group.groupId());
            }
        }
        group.initNextGeneration(time.milliseconds());
        if (group.is(GroupState.EMPTY)) {
            log.info("{} Group {} is empty at generation {}", logPrefix, group.groupId(), group.generation());
            try {
                store.storeGroup(group);
            } catch (RunnelException e) {
                log.warn("{} Could not store empty group {}: {}", logPrefix, group.groupId(), e.getMessage());
            }
            return;
        }
        log.info(
                "{} Group {} is at generation {} with {} members, protocol {}",
                logPrefix,
                group.groupId(),
                group.generation(),
                group.members().size(),
                group.protocolName());
        for (GroupMember member : group.members().values()) {
            boolean leader = group.isLeader(member.memberId());
            member.completeJoin(currentGeneration(group, member.memberId(), leader));
            member.joined();
            scheduleHeartbeat(group, member);
        }
        int generation = group.generation();
        timer.schedule(
                syncKey(group),
                time.milliseconds() + group.rebalanceTimeoutMs(),
                () -> expirePendingSync(group, generation));
    }

    /** The JoinGroup answer of the current generation; the leader also gets every member's metadata. */
    private JoinGroupResponse currentGeneration(ClassicGroup group, String memberId, boolean withMembers) {
        List<JoinGroupResponse.JoinGroupResponseMember> members = new ArrayList<>();
        if (withMembers) {
            for (GroupMember m : group.members().values()) {
                members.add(new JoinGroupResponse.JoinGroupResponseMember(
                        m.memberId(), m.groupInstanceId(), m.metadata(group.protocolName())));
            }
        }
        boolean skipAssignment = withMembers && group.is(GroupState.STABLE);
        return new JoinGroupResponse(
                0,
                Errors.NONE.code(),
                group.generation(),
                group.protocolType(),
                group.protocolName(),
                Objects.requireNonNullElse(group.leaderId(), ""),
                skipAssignment,
                memberId,
                members);
    }

    private void expirePendingSync(ClassicGroup group, int generation) {
        if (group.generation() != generation || group.pendingSync().isEmpty()) {
            return;
        }
        if (!group.is(GroupState.COMPLETING_REBALANCE) && !group.is(GroupState.STABLE)) {
            return;
        }
        for (String memberId : new ArrayList<>(group.pendingSync())) {
            log.info(
                    "{} Removing member {} from group {}: no SyncGroup within the rebalance timeout",
                    logPrefix,
                    memberId,
                    group.groupId());
            GroupMember member = group.member(memberId);
            if (member != null) {
                timer.cancel(heartbeatKey(group, memberId));
                group.remove(memberId);
            }
        }
        group.pendingSync().clear();
        prepareRebalance(group, "members failed to sync");
    }

    // ------------------------------------------------------------------------------------------------ SyncGroup

    void syncGroup(SyncGroupRequest request, Consumer<SyncGroupResponse> callback) {
        ClassicGroup group = store.get(request.groupId());
        String memberId = request.memberId();
        if (group == null || group.is(GroupState.DEAD)) {
            callback.accept(syncError(group == null ? Errors.UNKNOWN_MEMBER_ID : Errors.COORDINATOR_NOT_AVAILABLE));
            return;
        }
        Errors fenced = fencing(group, memberId, request.groupInstanceId());
        GroupMember member = group.member(memberId);
        if (fenced != null || member == null) {
            callback.accept(syncError(fenced != null ? fenced : Errors.UNKNOWN_MEMBER_ID));
            return;
        }
        if (request.generationId() != group.generation()) {
            callback.accept(syncError(Errors.ILLEGAL_GENERATION));
            return;
        }
        if ((request.protocolType() != null && !request.protocolType().equals(group.protocolType()))
                || (request.protocolName() != null && !request.protocolName().equals(group.protocolName()))) {
            callback.accept(syncError(Errors.INCONSISTENT_GROUP_PROTOCOL));
            return;
        }
        switch (group.state()) {
            case EMPTY, DEAD -> callback.accept(syncError(Errors.UNKNOWN_MEMBER_ID));
            case PREPARING_REBALANCE -> callback.accept(syncError(Errors.REBALANCE_IN_PROGRESS));
            case COMPLETING_REBALANCE -> {
                group.pendingSync().remove(memberId);
                member.awaitSync(callback);
                scheduleHeartbeat(group, member);
                if (group.isLeader(memberId)) {
                    applyAssignment(group, request.assignments());
                }
            }
            case STABLE -> {
                group.pendingSync().remove(memberId);
                scheduleHeartbeat(group, member);
                callback.accept(new SyncGroupResponse(
                        0, Errors.NONE.code(), group.protocolType(), group.protocolName(), member.assignment()));
            }
        }
    }

    /** The leader's assignment: written to the log first, then handed to every waiting member. */
    private void applyAssignment(ClassicGroup group, List<SyncGroupRequest.SyncGroupRequestAssignment> given) {
        Map<String, ByteBuffer> assignments = new HashMap<>();
        for (SyncGroupRequest.SyncGroupRequestAssignment assignment : given) {
            if (group.member(assignment.memberId()) != null) {
                assignments.put(assignment.memberId(), copy(assignment.assignment()));
            }
        }
        try {
            store.storeGroup(group, group.snapshot(assignments, time.milliseconds()));
        } catch (RunnelException e) {
            log.warn("{} Could not store the assignment of group {}: {}", logPrefix, group.groupId(), e.getMessage());
            propagateAssignmentError(group, GroupStore.storeError(e));
            prepareRebalance(group, "storing the assignment failed");
            return;
        }
        for (GroupMember member : group.members().values()) {
            member.assignment(assignments.getOrDefault(member.memberId(), EMPTY));
            member.completeSync(new SyncGroupResponse(
                    0, Errors.NONE.code(), group.protocolType(), group.protocolName(), member.assignment()));
        }
        group.transitionTo(GroupState.STABLE, time.milliseconds());
        log.info(
                "{} Group {} is stable at generation {} with {} members",
                logPrefix,
                group.groupId(),
                group.generation(),
                group.members().size());
    }

    private void propagateAssignmentError(ClassicGroup group, Errors error) {
        for (GroupMember member : group.members().values()) {
            member.assignment(EMPTY);
            member.completeSync(syncError(error));
        }
    }

    // ------------------------------------------------------------------------------------------------ Heartbeat

    Errors heartbeat(HeartbeatRequest request) {
        ClassicGroup group = store.get(request.groupId());
        if (group == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        Errors fenced = fencing(group, request.memberId(), request.groupInstanceId());
        if (fenced != null) {
            return fenced;
        }
        GroupMember member = group.member(request.memberId());
        if (member == null || group.is(GroupState.EMPTY)) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (request.generationId() != group.generation()) {
            return Errors.ILLEGAL_GENERATION;
        }
        scheduleHeartbeat(group, member);
        return group.is(GroupState.PREPARING_REBALANCE) ? Errors.REBALANCE_IN_PROGRESS : Errors.NONE;
    }

    /** An offset commit from a member counts as a heartbeat, as in Kafka. */
    void touch(ClassicGroup group, GroupMember member) {
        scheduleHeartbeat(group, member);
    }

    private void scheduleHeartbeat(ClassicGroup group, GroupMember member) {
        String memberId = member.memberId();
        timer.schedule(
                heartbeatKey(group, memberId),
                time.milliseconds() + member.sessionTimeoutMs(),
                () -> expireMember(group, memberId));
    }

    private void expireMember(ClassicGroup group, String memberId) {
        GroupMember member = group.member(memberId);
        if (member == null) {
            return;
        }
        if (member.isAwaitingJoin() || member.isAwaitingSync()) {
            // A member parked in JoinGroup or SyncGroup is alive; the rebalance timeouts decide its fate.
            scheduleHeartbeat(group, member);
            return;
        }
        log.info(
                "{} Member {} of group {} failed: no heartbeat within its session timeout of {} ms",
                logPrefix,
                memberId,
                group.groupId(),
                member.sessionTimeoutMs());
        removeMemberAndUpdateGroup(group, member, "member " + memberId + " failed");
    }

    private void expirePendingMember(ClassicGroup group, String memberId) {
        if (group.pendingMembers().remove(memberId)) {
            log.debug("{} Pending member {} of group {} did not join in time", logPrefix, memberId, group.groupId());
            tryCompleteJoin(group);
            removeIfUnused(group);
        }
    }

    // ----------------------------------------------------------------------------------------------- LeaveGroup

    LeaveGroupResponse leaveGroup(LeaveGroupRequest request) {
        ClassicGroup group = store.get(request.groupId());
        List<LeaveGroupResponse.MemberResponse> results = new ArrayList<>();
        if (group != null && group.is(GroupState.DEAD)) {
            return new LeaveGroupResponse(0, Errors.COORDINATOR_NOT_AVAILABLE.code(), List.of());
        }
        for (LeaveGroupRequest.MemberIdentity identity : request.members()) {
            Errors error = group == null ? Errors.UNKNOWN_MEMBER_ID : leave(group, identity);
            results.add(new LeaveGroupResponse.MemberResponse(
                    identity.memberId(), identity.groupInstanceId(), error.code()));
        }
        return new LeaveGroupResponse(0, Errors.NONE.code(), results);
    }

    private Errors leave(ClassicGroup group, LeaveGroupRequest.MemberIdentity identity) {
        String memberId = identity.memberId();
        if (identity.groupInstanceId() != null) {
            String current = group.staticMemberId(identity.groupInstanceId());
            if (current == null) {
                return Errors.UNKNOWN_MEMBER_ID;
            }
            if (!memberId.isEmpty() && !memberId.equals(current)) {
                return Errors.FENCED_INSTANCE_ID;
            }
            memberId = current;
        } else if (group.pendingMembers().remove(memberId)) {
            timer.cancel(heartbeatKey(group, memberId));
            tryCompleteJoin(group);
            return Errors.NONE;
        }
        GroupMember member = group.member(memberId);
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        String reason = identity.reason() == null ? "no reason given" : identity.reason();
        log.info("{} Member {} left group {}: {}", logPrefix, memberId, group.groupId(), reason);
        removeMemberAndUpdateGroup(group, member, "member " + memberId + " left: " + reason);
        return Errors.NONE;
    }

    private void removeMemberAndUpdateGroup(ClassicGroup group, GroupMember member, String reason) {
        member.completeJoin(joinError(member.memberId(), Errors.UNKNOWN_MEMBER_ID));
        member.completeSync(syncError(Errors.UNKNOWN_MEMBER_ID));
        timer.cancel(heartbeatKey(group, member.memberId()));
        group.remove(member.memberId());
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> tryCompleteJoin(group);
            case EMPTY, DEAD -> {}
        }
    }

    // ------------------------------------------------------------------------------------------------ the rest

    /** Session timers for the members of groups loaded from the log: a member that does not come back fails. */
    void loaded(ClassicGroup group) {
        for (GroupMember member : group.members().values()) {
            scheduleHeartbeat(group, member);
        }
    }

    /** Cancels every timer of a group that is going away. */
    void forget(ClassicGroup group) {
        timer.cancel(joinKey(group));
        timer.cancel(syncKey(group));
        for (String memberId : group.members().keySet()) {
            timer.cancel(heartbeatKey(group, memberId));
        }
        for (String memberId : group.pendingMembers()) {
            timer.cancel(heartbeatKey(group, memberId));
        }
    }

    /**
     * FENCED_INSTANCE_ID when a static member's request carries a member id that is no longer its own, and when a
     * dynamic id is used with someone else's instance id; null otherwise.
     */
    static @Nullable Errors fencing(ClassicGroup group, String memberId, @Nullable String instanceId) {
        if (instanceId == null) {
            return null;
        }
        String current = group.staticMemberId(instanceId);
        if (current != null && !current.equals(memberId)) {
            return Errors.FENCED_INSTANCE_ID;
        }
        return null;
    }

    /** A group created by a JoinGroup that added nobody is not kept. */
    private void removeIfUnused(ClassicGroup group) {
        if (group.is(GroupState.EMPTY)
                && group.isEmpty()
                && group.pendingMembers().isEmpty()
                && group.offsets().isEmpty()
                && group.generation() == 0) {
            store.remove(group.groupId());
        }
    }

    private static JoinGroupResponse joinError(String memberId, Errors error) {
        return new JoinGroupResponse(0, error.code(), -1, null, null, "", false, memberId, List.of());
    }

    private static SyncGroupResponse syncError(Errors error) {
        return new SyncGroupResponse(0, error.code(), null, null, EMPTY);
    }

    private static ByteBuffer copy(ByteBuffer view) {
        ByteBuffer copy = ByteBuffer.allocate(view.remaining());
        copy.put(view.duplicate()).flip();
        return copy.asReadOnlyBuffer();
    }

    private static String joinKey(ClassicGroup group) {
        return "join/" + group.groupId();
    }

    private static String syncKey(ClassicGroup group) {
        return "sync/" + group.groupId();
    }

    private static String heartbeatKey(ClassicGroup group, String memberId) {
        return "heartbeat/" + group.groupId() + "/" + memberId;
    }
}
