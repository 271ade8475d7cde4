package io.runnel.client.consumer.internal;

import io.runnel.client.Node;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.client.internal.Cluster;
import io.runnel.client.internal.KafkaClient;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.HeartbeatResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The member's side of the classic group protocol, as Kafka's {@code AbstractCoordinator}: JoinGroup (with the {@code
 * MEMBER_ID_REQUIRED} retry), SyncGroup (running the assignor when this member leads), Heartbeat, LeaveGroup, and what
 * each error does to the membership.
 *
 * <h2>States</h2>
 *
 * <pre>
 *   UNJOINED --JoinGroup sent--> PREPARING_REBALANCE --joined--> COMPLETING_REBALANCE --synced--> STABLE
 *      ^                              |  (retry on MEMBER_ID_REQUIRED,             |                 |
 *      |                              |   UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS, |                 | rejoin needed
 *      +---- generation reset --------+   coordinator errors)                       |                 v
 *            (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, poll timeout, leave)           +<-- JoinGroup sent again
 * </pre>
 *
 * Heartbeats go out in COMPLETING_REBALANCE and STABLE every {@code heartbeat.interval.ms}. A heartbeat answered with
 * {@code REBALANCE_IN_PROGRESS} asks for a rejoin; {@code ILLEGAL_GENERATION} / {@code UNKNOWN_MEMBER_ID} reset the
 * generation (the member lost its partitions); {@code FENCED_INSTANCE_ID} is fatal; no answer for {@code
 * session.timeout.ms} makes the coordinator unknown. When the application has not polled for {@code
 * max.poll.interval.ms} the member leaves the group, as Kafka's heartbeat thread does.
 *
 * <h2>Threads</h2>
 *
 * Kafka sends heartbeats from a dedicated heartbeat thread because its network client is driven by the application's
 * {@code poll}. Runnel's consumer already has a background I/O thread that owns the network, so that thread steps this
 * state machine ({@link #poll}) and sends every group request, including heartbeats, whatever the application does.
 * The application thread takes part at two gates, so that rebalance callbacks run inside its {@code poll} as Kafka
 * promises: before a JoinGroup it must {@linkplain #prepared prepare} (commit, revoke, and build the JoinGroup
 * protocols from its subscription), and after a SyncGroup it {@linkplain #takeAssignment takes} the new assignment and
 * applies it. {@code notifyApplication} wakes a waiting {@code poll} when a gate opens.
 *
 * <p>Thread-safe: every method holds this object's monitor; none blocks.
 */
final class GroupMembership {
    private static final Logger log = LoggerFactory.getLogger(GroupMembership.class);
    private static final long JOIN_GROUP_TIMEOUT_LAPSE_MS = 5_000;

    enum State {
        UNJOINED,
        PREPARING_REBALANCE,
        COMPLETING_REBALANCE,
        STABLE
    }

    /** A generation of the group as this member knows it. */
    record Generation(int generationId, String memberId, @Nullable String protocolName) {
        static final Generation NO_GENERATION = new Generation(-1, "", null);
    }

    /** The application's preparation of a JoinGroup: the protocols to send, and a commit to wait for first. */
    record Preparation(List<JoinGroupRequestProtocol> protocols, CompletableFuture<?> commit) {}

    /** An assignment the application must apply, with the generation it belongs to. */
    record Joined(Generation generation, Assignment assignment) {}

    private final GroupSettings settings;
    private final Time time;
    private final String logPrefix;
    private final Heartbeat heartbeat;
    private final CoordinatorLocator locator;
    private final LeaderAssignment leader;
    private final Runnable notifyApplication;
    private final KafkaClient network;

    private State state = State.UNJOINED;
    private Generation generation = Generation.NO_GENERATION;
    private boolean active;
    private boolean rejoinNeeded = true;
    private String rejoinReason = "";
    private @Nullable Preparation preparation;
    private boolean requestInFlight;
    private long nextJoinMs;
    private @Nullable Joined pendingAssignment;
    private @Nullable JoinGroupResponse awaitingMetadata;
    private long awaitingMetadataSinceMs;
    private Set<String> groupTopics = Set.of();
    private @Nullable Map<String, Integer> assignmentSnapshot;
    private @Nullable RunnelException fatal;
    private @Nullable String leaveReason;
    private @Nullable CompletableFuture<Void> leaveDone;

    GroupMembership(
            GroupSettings settings,
            KafkaClient network,
            Time time,
            CoordinatorLocator locator,
            LeaderAssignment leader,
            Runnable notifyApplication,
            String logPrefix) {
        this.settings = settings;
        this.network = network;
        this.time = time;
        this.locator = locator;
        this.leader = leader;
        this.notifyApplication = notifyApplication;
        this.logPrefix = logPrefix;
        this.heartbeat = new Heartbeat(
                settings.sessionTimeoutMs(),
                settings.heartbeatIntervalMs(),
                settings.rebalanceTimeoutMs(),
                settings.retryBackoffMs(),
                time.milliseconds());
    }

    // ---- application thread

    /** Whether the member should be in the group (the consumer subscribes). */
    synchronized void setActive(boolean subscribed) {
        active = subscribed;
    }

    synchronized boolean isActive() {
        return active;
    }

    /** The application polled: the {@code max.poll.interval.ms} clock restarts. */
    void polled(long nowMs) {
        heartbeat.poll(nowMs);
    }

    /** Throws the fatal error the group raised (fenced, unauthorized, too many members), on every call from then on. */
    synchronized void throwFatal() {
        RunnelException error = fatal;
        if (error != null) {
            throw error;
        }
    }

    /** Whether the application must prepare a JoinGroup now; then {@link #prepared} follows. */
    synchronized boolean needsPreparation() {
        return active
                && preparation == null
                && pendingAssignment == null
                && (rejoinNeeded || state == State.UNJOINED)
                && (state == State.UNJOINED || state == State.STABLE);
    }

    /** The application prepared the next JoinGroup. */
    synchronized void prepared(Preparation ready) {
        preparation = ready;
    }

    /** Takes the assignment of a completed rebalance, if one waits; the next rebalance needs a new preparation. */
    synchronized @Nullable Joined takeAssignment() {
        Joined joined = pendingAssignment;
        pendingAssignment = null;
        return joined;
    }

    /** Asks for a rebalance; the application prepares it in its next poll. */
    synchronized void requestRejoin(String reason) {
        if (!rejoinNeeded) {
            log.info("{} Request joining group due to: {}", logPrefix, reason);
        }
        rejoinNeeded = true;
        rejoinReason = reason;
        if (state == State.UNJOINED || state == State.STABLE) {
            preparation = null;
        }
        notifyApplication.run();
    }

    /** The current generation if the member is stable in it, else null. */
    synchronized @Nullable Generation generationIfStable() {
        return state == State.STABLE ? generation : null;
    }

    synchronized Generation generation() {
        return generation;
    }

    synchronized State state() {
        return state;
    }

    /** Whether a rebalance is under way or about to start. */
    synchronized boolean rebalanceInProgress() {
        return state == State.PREPARING_REBALANCE || state == State.COMPLETING_REBALANCE || rejoinNeeded;
    }

    /**
     * Leaves the group: a dynamic member sends LeaveGroup (from the I/O thread), a static one only forgets its
     * generation. The future completes once the request was answered or failed.
     */
    synchronized CompletableFuture<Void> leave(String reason) {
        active = false;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (settings.groupInstanceId().isPresent() || generation.memberId().isEmpty() || state == State.UNJOINED) {
            resetGeneration("leaving the group: " + reason, true);
            done.complete(null);
            return done;
        }
        leaveReason = reason;
        leaveDone = done;
        return done;
    }

    // ---- I/O thread

    /** Topics the leader needs metadata for, beyond the member's own subscription. */
    synchronized Set<String> groupTopics() {
        return groupTopics;
    }

    /**
     * One step: leave if asked or if the application stopped polling, heartbeat, join, or finish the leader's
     * assignment once metadata has arrived.
     *
     * @return milliseconds until this should be called again
     */
    synchronized long poll(Cluster cluster, long nowMs) {
        Node coordinator = locator.coordinator();
        if (leaveReason != null) {
            sendLeave(coordinator, nowMs);
        }
        if (!active || coordinator == null) {
            return Long.MAX_VALUE;
        }
        if (state != State.UNJOINED && heartbeat.pollTimeoutExpired(nowMs)) {
            log.warn(
                    "{} consumer poll timeout has expired. This means the time between subsequent calls to poll()"
                            + " was longer than the configured max.poll.interval.ms, which typically implies that the poll"
                            + " loop is spending too much time processing messages. You can address this either by"
                            + " increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll()"
                            + " with max.poll.records.",
                    logPrefix);
            leaveReason = "consumer poll timeout has expired.";
            sendLeave(coordinator, nowMs);
            return Long.MAX_VALUE;
        }
        long wait = heartbeat.timeToPollTimeout(nowMs);
        if (state == State.COMPLETING_REBALANCE || state == State.STABLE) {
            wait = Math.min(wait, maybeHeartbeat(coordinator, nowMs));
        }
        JoinGroupResponse waiting = awaitingMetadata;
        if (waiting != null) {
            finishLeaderAssignment(cluster, waiting, nowMs);
            return Math.min(wait, settings.retryBackoffMs());
        }
        if (!requestInFlight && (rejoinNeeded || state == State.UNJOINED) && pendingAssignment == null) {
            Preparation ready = preparation;
            if (ready == null || !ready.commit().isDone()) {
                return Math.min(wait, settings.retryBackoffMs());
            }
            if (nowMs < nextJoinMs) {
                return Math.min(wait, nextJoinMs - nowMs);
            }
            sendJoin(coordinator, ready, nowMs);
        }
        return wait;
    }

    private long maybeHeartbeat(Node coordinator, long nowMs) {
        if (heartbeat.sessionTimeoutExpired(nowMs)) {
            locator.markUnknown(network, "session timed out without receiving a heartbeat response");
            heartbeat.resetTimeouts(nowMs);
            return settings.retryBackoffMs();
        }
        long due = heartbeat.timeToNextHeartbeat(nowMs);
        if (due > 0 || heartbeat.inFlight()) {
            return due > 0 ? due : settings.heartbeatIntervalMs();
        }
        if (!network.ready(coordinator, nowMs)) {
            return settings.retryBackoffMs();
        }
        heartbeat.sent(nowMs);
        Generation sent = generation;
        log.debug(
                "{} Sending Heartbeat request with generation {} and member id {}",
                logPrefix,
                sent.generationId(),
                sent.memberId());
        network.send(
                coordinator,
                ApiKey.HEARTBEAT,
                new HeartbeatRequest(
                        settings.groupId(), sent.generationId(), sent.memberId(), settings.instanceIdOrNull()),
                handler(body -> onHeartbeat((HeartbeatResponse) body, sent), error -> {
                    synchronized (this) {
                        heartbeat.failed(time.milliseconds());
                        locator.markUnknown(network, "heartbeat failed: " + error.getMessage());
                    }
                }),
                true,
                nowMs,
                settings.requestTimeoutMs());
        return settings.heartbeatIntervalMs();
    }

    private synchronized void onHeartbeat(HeartbeatResponse response, Generation sent) {
        Errors error = Errors.forCode(response.errorCode());
        long now = time.milliseconds();
        switch (error) {
            case NONE -> heartbeat.received(now);
            case REBALANCE_IN_PROGRESS -> {
                heartbeat.received(now);
                if (state == State.STABLE) {
                    requestRejoin("group is already rebalancing");
                }
            }
            case ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID -> {
                heartbeat.failed(now);
                if (sent.equals(generation)) {
                    resetGeneration(
                            "encountered " + error + " from HEARTBEAT response", error == Errors.UNKNOWN_MEMBER_ID);
                }
            }
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                heartbeat.failed(now);
                locator.markUnknown(network, error.name());
            }
            default -> {
                heartbeat.failed(now);
                fail(error, "heartbeat");
            }
        }
    }

    private void sendJoin(Node coordinator, Preparation ready, long nowMs) {
        if (!network.ready(coordinator, nowMs)) {
            return;
        }
        state = State.PREPARING_REBALANCE;
        rejoinNeeded = false;
        assignmentSnapshot = null;
        groupTopics = Set.of();
        requestInFlight = true;
        String reason = rejoinReason;
        rejoinReason = "";
        log.info("{} (Re-)joining group", logPrefix);
        long timeout = Math.max(
                settings.requestTimeoutMs(), (long) settings.rebalanceTimeoutMs() + JOIN_GROUP_TIMEOUT_LAPSE_MS);
        network.send(
                coordinator,
                ApiKey.JOIN_GROUP,
                new JoinGroupRequest(
                        settings.groupId(),
                        settings.sessionTimeoutMs(),
                        settings.rebalanceTimeoutMs(),
                        generation.memberId(),
                        settings.instanceIdOrNull(),
                        ConsumerProtocol.PROTOCOL_TYPE,
                        ready.protocols(),
                        reason.isEmpty() ? null : reason),
                handler(body -> onJoin((JoinGroupResponse) body), error -> onJoinOrSyncFailure(error)),
                true,
                nowMs,
                timeout);
    }

    private synchronized void onJoin(JoinGroupResponse response) {
        requestInFlight = false;
        Errors error = Errors.forCode(response.errorCode());
        long now = time.milliseconds();
        if (state != State.PREPARING_REBALANCE) {
            log.debug("{} Ignoring a JoinGroup response: the member left meanwhile", logPrefix);
            return;
        }
        switch (error) {
            case NONE -> {
                generation = new Generation(response.generationId(), response.memberId(), response.protocolName());
                state = State.COMPLETING_REBALANCE;
                heartbeat.scheduleAfterJoin(now);
                log.info("{} Successfully joined group with generation {}", logPrefix, generation);
                if (response.leader().equals(response.memberId())) {
                    awaitingMetadata = response;
                    awaitingMetadataSinceMs = now;
                    groupTopics = LeaderAssignment.topics(LeaderAssignment.subscriptions(response.members()));
                } else {
                    sendSync(List.of(), now);
                }
            }
            case MEMBER_ID_REQUIRED -> {
                log.info("{} Rejoining with the member id the coordinator gave: {}", logPrefix, response.memberId());
                generation = new Generation(-1, response.memberId(), null);
                retryJoin(now, 0);
            }
            case UNKNOWN_MEMBER_ID -> {
                resetGeneration("encountered UNKNOWN_MEMBER_ID from JOIN_GROUP response", true);
                retryJoin(now, 0);
            }
            case REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION -> retryJoin(now, 0);
            case COORDINATOR_LOAD_IN_PROGRESS -> retryJoin(now, settings.retryBackoffMs());
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                locator.markUnknown(network, error.name());
                retryJoin(now, settings.retryBackoffMs());
            }
            default -> {
                state = State.UNJOINED;
                fail(error, "join");
            }
        }
    }

    private void retryJoin(long nowMs, long backoffMs) {
        state = State.UNJOINED;
        rejoinNeeded = true;
        nextJoinMs = nowMs + backoffMs;
    }

    private void finishLeaderAssignment(Cluster cluster, JoinGroupResponse joined, long nowMs) {
        Map<String, Subscription> subscriptions = LeaderAssignment.subscriptions(joined.members());
        Set<String> topics = LeaderAssignment.topics(subscriptions);
        boolean waitedEnough = nowMs - awaitingMetadataSinceMs > settings.requestTimeoutMs();
        if (!LeaderAssignment.knowsAll(cluster, topics) && !waitedEnough) {
            return;
        }
        awaitingMetadata = null;
        String protocol = joined.protocolName();
        Map<String, ByteBuffer> assignments;
        try {
            Map<String, Integer> counts = LeaderAssignment.partitionCounts(cluster, topics);
            assignments = leader.assign(protocol == null ? "" : protocol, subscriptions, counts);
            assignmentSnapshot = counts;
        } catch (RuntimeException e) {
            log.error("{} The assignor failed", logPrefix, e);
            fatal = e instanceof RunnelException runnel ? runnel : new RunnelException("the assignor failed", e);
            state = State.UNJOINED;
            notifyApplication.run();
            return;
        }
        List<SyncGroupRequest.SyncGroupRequestAssignment> wire = new ArrayList<>();
        assignments.forEach(
                (member, bytes) -> wire.add(new SyncGroupRequest.SyncGroupRequestAssignment(member, bytes)));
        sendSync(wire, nowMs);
    }

    private void sendSync(List<SyncGroupRequest.SyncGroupRequestAssignment> assignments, long nowMs) {
        Node coordinator = locator.coordinator();
        if (coordinator == null || !network.ready(coordinator, nowMs)) {
            retryJoin(nowMs, settings.retryBackoffMs());
            return;
        }
        requestInFlight = true;
        Generation sent = generation;
        network.send(
                coordinator,
                ApiKey.SYNC_GROUP,
                new SyncGroupRequest(
                        settings.groupId(),
                        sent.generationId(),
                        sent.memberId(),
                        settings.instanceIdOrNull(),
                        ConsumerProtocol.PROTOCOL_TYPE,
                        sent.protocolName(),
                        assignments),
                handler(body -> onSync((SyncGroupResponse) body, sent), error -> onJoinOrSyncFailure(error)),
                true,
                nowMs,
                settings.requestTimeoutMs());
    }

    private synchronized void onSync(SyncGroupResponse response, Generation sent) {
        requestInFlight = false;
        Errors error = Errors.forCode(response.errorCode());
        long now = time.milliseconds();
        if (state != State.COMPLETING_REBALANCE || !sent.equals(generation)) {
            log.debug("{} Ignoring a SyncGroup response of generation {}", logPrefix, sent);
            return;
        }
        switch (error) {
            case NONE -> {
                Assignment assignment;
                try {
                    assignment = ConsumerProtocol.deserializeAssignment(response.assignment());
                } catch (RunnelException e) {
                    fatal = e;
                    state = State.UNJOINED;
                    notifyApplication.run();
                    return;
                }
                log.info("{} Successfully synced group in generation {}", logPrefix, generation);
                state = State.STABLE;
                preparation = null;
                pendingAssignment = new Joined(generation, assignment);
                heartbeat.scheduleAfterJoin(now);
                notifyApplication.run();
            }
            case REBALANCE_IN_PROGRESS -> retryJoin(now, 0);
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                resetGeneration(
                        "encountered " + error + " from SYNC_GROUP response", error == Errors.UNKNOWN_MEMBER_ID);
                retryJoin(now, 0);
            }
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR -> {
                locator.markUnknown(network, error.name());
                retryJoin(now, settings.retryBackoffMs());
            }
            default -> {
                state = State.UNJOINED;
                fail(error, "sync");
            }
        }
    }

    private synchronized void onJoinOrSyncFailure(RuntimeException error) {
        requestInFlight = false;
        log.debug("{} JoinGroup/SyncGroup failed: {}", logPrefix, error.toString());
        locator.markUnknown(network, error.getMessage() == null ? error.toString() : error.getMessage());
        retryJoin(time.milliseconds(), settings.retryBackoffMs());
    }

    private void sendLeave(@Nullable Node coordinator, long nowMs) {
        String reason = leaveReason;
        CompletableFuture<Void> done = leaveDone;
        leaveReason = null;
        leaveDone = null;
        Generation leaving = generation;
        resetGeneration("leaving the group: " + reason, true);
        boolean dynamic = settings.groupInstanceId().isEmpty();
        if (!dynamic || leaving.memberId().isEmpty() || coordinator == null || !network.ready(coordinator, nowMs)) {
            if (done != null) {
                done.complete(null);
            }
            return;
        }
        log.info(
                "{} Member {} sending LeaveGroup request to coordinator {} due to {}",
                logPrefix,
                leaving.memberId(),
                coordinator,
                reason);
        network.send(
                coordinator,
                ApiKey.LEAVE_GROUP,
                new LeaveGroupRequest(
                        settings.groupId(),
                        List.of(new LeaveGroupRequest.MemberIdentity(leaving.memberId(), null, reason))),
                handler(body -> completeLeave(done), error -> completeLeave(done)),
                true,
                nowMs,
                settings.requestTimeoutMs());
    }

    private static void completeLeave(@Nullable CompletableFuture<Void> done) {
        if (done != null) {
            done.complete(null);
        }
    }

    /** Forgets the generation (and the member id, if {@code resetMemberId}): the member must join anew. */
    synchronized void resetGeneration(String reason, boolean resetMemberId) {
        log.info("{} Resetting generation {}due to: {}", logPrefix, resetMemberId ? "and member id " : "", reason);
        generation = resetMemberId ? Generation.NO_GENERATION : new Generation(-1, generation.memberId(), null);
        state = State.UNJOINED;
        rejoinNeeded = true;
        requestInFlight = false;
        awaitingMetadata = null;
        assignmentSnapshot = null;
        preparation = null;
        pendingAssignment = null;
        notifyApplication.run();
    }

    /** An error no retry can fix: the application's next poll throws it. */
    synchronized void fail(Errors error, String what) {
        RunnelException exception = error.exception(null);
        log.error("{} Group {} failed: {}", logPrefix, what, error);
        fail(exception != null ? exception : new RunnelException(what + " failed: " + error));
    }

    /** As {@link #fail(Errors, String)} with the exception given. */
    synchronized void fail(RunnelException error) {
        fatal = error;
        notifyApplication.run();
    }

    /**
     * The leader rebalances when the partition counts of the group's topics differ from those it assigned (a topic
     * was created, deleted or grew), as Kafka's leader does. I/O thread, on each metadata update.
     */
    synchronized void checkMetadata(Cluster cluster) {
        Map<String, Integer> snapshot = assignmentSnapshot;
        if (snapshot == null || state != State.STABLE || !LeaderAssignment.knowsAll(cluster, groupTopics)) {
            return;
        }
        Map<String, Integer> current = LeaderAssignment.partitionCounts(cluster, groupTopics);
        if (!current.equals(snapshot)) {
            assignmentSnapshot = null;
            requestRejoin("cached metadata has changed from " + snapshot + " at the beginning of the rebalance to "
                    + current);
        }
    }

    private ResponseHandler handler(Consumer<Message> onResponse, Consumer<RuntimeException> onFailure) {
        return new ResponseHandler() {
            @Override
            public void onResponse(@Nullable Message body) {
                if (body == null) {
                    onFailure.accept(new RunnelException("no response body"));
                } else {
                    onResponse.accept(body);
                }
            }

            @Override
            public void onFailure(RuntimeException error) {
                onFailure.accept(error);
            }
        };
    }
}
