package io.runnel.client.consumer.internal;

import io.runnel.client.Node;
import io.runnel.client.consumer.ConsumerGroupMetadata;
import io.runnel.client.consumer.ConsumerPartitionAssignor;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.RebalanceProtocol;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.OffsetCommitCallback;
import io.runnel.client.internal.Cluster;
import io.runnel.client.internal.KafkaClient;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.WakeupException;
import io.runnel.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's group client, as Kafka's {@code ConsumerCoordinator}: the I/O thread steps it ({@link #poll(Cluster,
 * List, long)}: find the coordinator, heartbeat, join, sync, commit, fetch offsets; see {@link GroupMembership}), the
 * application thread runs the rest inside its calls ({@link #poll(long)}): rebalance callbacks, applying assignments,
 * auto-commit, commit callbacks.
 *
 * <p>A rebalance on the application thread, as in Kafka: before a JoinGroup, {@link #onJoinPrepare} commits the
 * positions (auto-commit) and revokes partitions (eager: all of them; cooperative: those of topics no longer
 * subscribed; all of them as <em>lost</em> if the member fell out of the group), then builds the JoinGroup protocols,
 * one subscription per assignor. After the SyncGroup, {@link #onJoinComplete} applies the assignment (eager: all of it;
 * cooperative: revokes what went away, requests another rebalance if anything did, and reports what was added). New
 * partitions start at the group's committed offsets, looked up by the I/O thread, or by {@code auto.offset.reset}.
 *
 * <p>Thread-safe as described: the application thread calls the application methods, the I/O thread {@link
 * #poll(Cluster, List, long)}.
 */
public final class ConsumerCoordinator {
    private static final Logger log = LoggerFactory.getLogger(ConsumerCoordinator.class);

    private final GroupSettings settings;
    private final List<ConsumerPartitionAssignor> assignors;
    private final RebalanceProtocol protocol;
    private final SubscriptionState subscriptions;
    private final TopicSubscription subscription;
    private final KafkaClient network;
    private final Time time;
    private final Runnable notifyApplication;
    private final String logPrefix;
    private final CoordinatorLocator locator;
    private final GroupMembership membership;
    private final OffsetCommitter committer;
    private final ConcurrentLinkedQueue<Runnable> completedCallbacks = new ConcurrentLinkedQueue<>();
    /** Application thread. */
    private long nextAutoCommitMs;
    /** I/O thread. */
    private int lastMetadataVersion = -1;

    public ConsumerCoordinator(
            GroupSettings settings,
            List<ConsumerPartitionAssignor> assignors,
            SubscriptionState subscriptions,
            TopicSubscription subscription,
            KafkaClient network,
            Time time,
            Runnable notifyApplication,
            String logPrefix) {
        this.settings = settings;
        this.assignors = List.copyOf(assignors);
        this.protocol = Assignors.protocol(assignors);
        this.subscriptions = subscriptions;
        this.subscription = subscription;
        this.network = network;
        this.time = time;
        this.notifyApplication = notifyApplication;
        this.logPrefix = logPrefix;
        this.locator = new CoordinatorLocator(
                settings.groupId(), time, settings.retryBackoffMs(), settings.requestTimeoutMs(), logPrefix);
        this.membership = new GroupMembership(
                settings,
                network,
                time,
                locator,
                new LeaderAssignment(assignors, protocol, logPrefix),
                notifyApplication,
                logPrefix);
        this.committer = new OffsetCommitter(
                settings, network, time, locator, membership, subscriptions, subscription, logPrefix);
        this.nextAutoCommitMs = time.milliseconds() + settings.autoCommitIntervalMs();
    }

    // ---- I/O thread

    /**
     * One step of the group client.
     *
     * @param candidates the brokers to ask for the coordinator
     * @return milliseconds until this should be called again
     */
    public long poll(Cluster cluster, List<Node> candidates, long nowMs, int metadataVersion) {
        if (metadataVersion != lastMetadataVersion) {
            lastMetadataVersion = metadataVersion;
            if (subscription.match(cluster.topics())) {
                membership.requestRejoin("the pattern subscription matches different topics: " + subscription.topics());
            }
            membership.checkMetadata(cluster);
        }
        long wait = Long.MAX_VALUE;
        boolean needed = membership.isActive() || committer.needsCoordinator() || subscriptions.needsCommitted();
        if (needed) {
            wait = locator.ensure(network, candidates, nowMs);
        }
        RunnelException fatal = locator.takeFatal();
        if (fatal != null) {
            membership.fail(fatal);
        }
        wait = Math.min(wait, membership.poll(cluster, nowMs));
        wait = Math.min(wait, committer.poll(nowMs));
        return wait;
    }

    /** Topics whose metadata the group needs: the subscription, and for the leader every member's topics. I/O thread. */
    public Set<String> metadataTopics() {
        Set<String> topics = new HashSet<>(subscription.topics());
        topics.addAll(membership.groupTopics());
        return topics;
    }

    /** Whether metadata of all topics is needed (a pattern subscription). */
    public boolean needsAllTopics() {
        return subscription.hasPattern();
    }

    /** Fails queued commits and fetches; the consumer is closed. I/O thread. */
    public void close() {
        committer.failAll(new RunnelException("the consumer was closed"));
    }

    // ---- application thread

    /**
     * The application's part of a poll: commit callbacks, fatal errors, rebalance callbacks and auto-commit.
     *
     * @throws RunnelException a fatal group error, or wrapping an exception of a rebalance callback
     */
    public void poll(long nowMs) {
        membership.polled(nowMs);
        invokeCompletedCallbacks();
        membership.throwFatal();
        if (subscription.isAutoAssigned()) {
            GroupMembership.Joined joined = membership.takeAssignment();
            if (joined != null) {
                onJoinComplete(joined);
            }
            if (membership.needsPreparation()) {
                onJoinPrepare();
            }
        }
        maybeAutoCommit(nowMs);
    }

    /** The subscription changed (or was made): a rebalance follows if it is new. */
    public void subscribed(boolean changed) {
        membership.setActive(true);
        if (changed) {
            membership.requestRejoin("the subscription changed");
        }
        network.wakeup();
    }

    /** Milliseconds until the application's part of a poll has work (the next auto-commit). */
    public long timeToNextPoll(long nowMs) {
        return settings.autoCommit() ? Math.max(1, nextAutoCommitMs - nowMs) : Long.MAX_VALUE;
    }

    /** Whether the member waits for the application before it can (re)join. */
    public boolean awaitingApplication() {
        return membership.needsPreparation();
    }

    private void onJoinPrepare() {
        GroupMembership.Generation generation = membership.generation();
        CompletableFuture<?> commit = CompletableFuture.completedFuture(null);
        if (settings.autoCommit() && generation.generationId() >= 0) {
            commit = autoCommit(time.milliseconds() + settings.rebalanceTimeoutMs());
        }
        Set<TopicPartition> owned = new TreeSet<>(PARTITION_ORDER);
        owned.addAll(subscriptions.assignment());
        RuntimeException failure = null;
        if (generation.generationId() < 0 || generation.memberId().isEmpty()) {
            if (!owned.isEmpty()) {
                log.info(
                        "{} Giving away all assigned partitions as lost since generation/memberID has been reset,"
                                + " indicating that consumer is in old state or no longer part of the group",
                        logPrefix);
                failure = invoke(listener -> listener.onPartitionsLost(owned), "onPartitionsLost", owned);
                subscriptions.assign(List.of());
            }
        } else if (protocol == RebalanceProtocol.EAGER) {
            failure = invoke(listener -> listener.onPartitionsRevoked(owned), "onPartitionsRevoked", owned);
            subscriptions.assign(List.of());
        } else {
            Set<String> topics = subscription.topics();
            Set<TopicPartition> revoked = new TreeSet<>(PARTITION_ORDER);
            owned.forEach(tp -> {
                if (!topics.contains(tp.topic())) {
                    revoked.add(tp);
                }
            });
            if (!revoked.isEmpty()) {
                failure = invoke(listener -> listener.onPartitionsRevoked(revoked), "onPartitionsRevoked", revoked);
                owned.removeAll(revoked);
                subscriptions.assign(owned);
            }
        }
        membership.prepared(new GroupMembership.Preparation(protocols(membership.generation()), commit));
        network.wakeup();
        if (failure != null) {
            throw new RunnelException("User rebalance callback throws an error", failure);
        }
    }

    private List<JoinGroupRequestProtocol> protocols(GroupMembership.Generation generation) {
        Set<String> topics = subscription.topics();
        List<TopicPartition> owned = new ArrayList<>(subscriptions.assignment());
        List<JoinGroupRequestProtocol> protocols = new ArrayList<>();
        for (ConsumerPartitionAssignor assignor : assignors) {
            Subscription mine = new Subscription(
                    new ArrayList<>(topics),
                    assignor.subscriptionUserData(topics),
                    owned,
                    generation.generationId(),
                    Optional.empty());
            protocols.add(new JoinGroupRequestProtocol(assignor.name(), ConsumerProtocol.serializeSubscription(mine)));
        }
        return protocols;
    }

    private void onJoinComplete(GroupMembership.Joined joined) {
        Assignment assignment = joined.assignment();
        String protocolName = joined.generation().protocolName();
        ConsumerPartitionAssignor assignor = assignors.stream()
                .filter(a -> a.name().equals(protocolName))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException("Coordinator selected invalid assignment protocol: " + protocolName));
        Set<TopicPartition> assigned = new TreeSet<>(PARTITION_ORDER);
        assigned.addAll(assignment.partitions());
        Set<String> topics = subscription.topics();
        for (TopicPartition tp : assigned) {
            if (!topics.contains(tp.topic())) {
                membership.requestRejoin("the assignment includes " + tp + ", not subscribed");
                return;
            }
        }
        Set<TopicPartition> owned = new TreeSet<>(PARTITION_ORDER);
        owned.addAll(subscriptions.assignment());
        Set<TopicPartition> added = new TreeSet<>(PARTITION_ORDER);
        added.addAll(assigned);
        added.removeAll(owned);
        RuntimeException failure = null;
        log.info("{} Notifying assignor about the new Assignment(partitions={})", logPrefix, assigned);
        if (protocol == RebalanceProtocol.COOPERATIVE) {
            Set<TopicPartition> revoked = new TreeSet<>(PARTITION_ORDER);
            revoked.addAll(owned);
            revoked.removeAll(assigned);
            if (!revoked.isEmpty()) {
                failure = invoke(listener -> listener.onPartitionsRevoked(revoked), "onPartitionsRevoked", revoked);
                membership.requestRejoin("need to revoke partitions " + revoked + " and re-join");
            }
        }
        try {
            assignor.onAssignment(assignment, groupMetadata());
        } catch (RuntimeException e) {
            log.error("{} The assignor's onAssignment failed", logPrefix, e);
            failure = failure == null ? e : failure;
        }
        nextAutoCommitMs = time.milliseconds() + settings.autoCommitIntervalMs();
        subscriptions.assign(assigned);
        network.wakeup();
        Set<TopicPartition> newlyAssigned = protocol == RebalanceProtocol.COOPERATIVE ? added : assigned;
        RuntimeException callback =
                invoke(listener -> listener.onPartitionsAssigned(newlyAssigned), "onPartitionsAssigned", newlyAssigned);
        failure = failure == null ? callback : failure;
        if (failure != null) {
            throw new RunnelException("User rebalance callback throws an error", failure);
        }
    }

    private @Nullable RuntimeException invoke(
            Consumer<ConsumerRebalanceListener> callback, String name, Collection<TopicPartition> partitions) {
        log.info("{} Calling {} with partitions {}", logPrefix, name, partitions);
        try {
            callback.accept(subscription.listener());
            return null;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error(
                    "{} User provided listener failed on invocation of {} for partitions {}",
                    logPrefix,
                    name,
                    partitions,
                    e);
            return e;
        }
    }

    private void maybeAutoCommit(long nowMs) {
        if (!settings.autoCommit() || nowMs < nextAutoCommitMs) {
            return;
        }
        nextAutoCommitMs = nowMs + settings.autoCommitIntervalMs();
        autoCommit(nowMs + settings.requestTimeoutMs());
    }

    private CompletableFuture<Void> autoCommit(long deadlineMs) {
        Map<TopicPartition, OffsetAndMetadata> offsets = consumedOffsets();
        CompletableFuture<Void> future = committer.commit(offsets, deadlineMs, false);
        future.whenComplete((ignored, error) -> {
            if (error == null) {
                log.debug("{} Completed asynchronous auto-commit of offsets {}", logPrefix, offsets);
            } else if (error instanceof RetriableException) {
                log.debug(
                        "{} Asynchronous auto-commit of offsets {} failed due to retriable error: {}",
                        logPrefix,
                        offsets,
                        error.getMessage());
                nextAutoCommitMs = Math.min(nextAutoCommitMs, time.milliseconds() + settings.retryBackoffMs());
            } else {
                log.warn(
                        "{} Asynchronous auto-commit of offsets {} failed: {}", logPrefix, offsets, error.getMessage());
            }
        });
        return future;
    }

    /** The positions of the assigned partitions, as offsets to commit. */
    public Map<TopicPartition, OffsetAndMetadata> consumedOffsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
        subscriptions.allConsumed().forEach((tp, position) -> offsets.put(tp, new OffsetAndMetadata(position)));
        return offsets;
    }

    /** Starts a commit; the future fails with the commit's error. */
    public CompletableFuture<Void> commit(
            Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs, boolean sync) {
        invokeCompletedCallbacks();
        return committer.commit(offsets, deadlineMs, sync);
    }

    /** Starts an asynchronous commit whose callback runs in a later call on the application thread. */
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable OffsetCommitCallback callback) {
        invokeCompletedCallbacks();
        Map<TopicPartition, OffsetAndMetadata> copy = Map.copyOf(offsets);
        committer
                .commit(copy, time.milliseconds() + settings.requestTimeoutMs(), false)
                .whenComplete((ignored, error) -> {
                    Exception exception = error == null ? null : unwrap(error);
                    if (exception != null && callback == null) {
                        log.error("{} Offset commit with offsets {} failed", logPrefix, copy, exception);
                    }
                    if (callback != null) {
                        completedCallbacks.add(() -> callback.onComplete(copy, exception));
                        notifyApplication.run();
                    }
                });
    }

    private static Exception unwrap(Throwable error) {
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause()
                : error;
        return cause instanceof Exception exception ? exception : new RunnelException(cause);
    }

    /** Runs the callbacks of completed asynchronous commits. */
    public void invokeCompletedCallbacks() {
        Runnable callback;
        while ((callback = completedCallbacks.poll()) != null) {
            callback.run();
        }
    }

    /** Starts a lookup of committed offsets. */
    public CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> committed(
            Set<TopicPartition> partitions, long deadlineMs) {
        return committer.fetch(partitions, deadlineMs);
    }

    /** Asks for a rebalance. */
    public void enforceRebalance(String reason) {
        membership.requestRejoin(reason);
        network.wakeup();
    }

    public ConsumerGroupMetadata groupMetadata() {
        GroupMembership.Generation generation = membership.generation();
        return new ConsumerGroupMetadata(
                settings.groupId(), generation.generationId(), generation.memberId(), settings.groupInstanceId());
    }

    /**
     * Before the member leaves (close, unsubscribe): revokes its partitions, or reports them lost if it is no longer
     * in a stable generation, and clears the assignment.
     *
     * @return the exception a callback threw, or null
     */
    public @Nullable RuntimeException onLeavePrepare() {
        if (!subscription.isAutoAssigned() || subscriptions.assignment().isEmpty()) {
            return null;
        }
        Set<TopicPartition> dropped = new TreeSet<>(PARTITION_ORDER);
        dropped.addAll(subscriptions.assignment());
        GroupMembership.Generation generation = membership.generation();
        RuntimeException failure;
        if (generation.generationId() < 0 || generation.memberId().isEmpty() || membership.rebalanceInProgress()) {
            failure = invoke(listener -> listener.onPartitionsLost(dropped), "onPartitionsLost", dropped);
        } else {
            failure = invoke(listener -> listener.onPartitionsRevoked(dropped), "onPartitionsRevoked", dropped);
        }
        subscriptions.assign(List.of());
        return failure;
    }

    /**
     * Leaves the group (a dynamic member sends LeaveGroup unless {@code internal.leave.group.on.close} is false and
     * {@code onClose}); the future completes when that is done.
     */
    public CompletableFuture<Void> leave(String reason, boolean onClose) {
        if (onClose && !settings.leaveGroupOnClose()) {
            membership.setActive(false);
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> done = membership.leave(reason);
        network.wakeup();
        return done;
    }

    public boolean autoCommitEnabled() {
        return settings.autoCommit();
    }

    private static final java.util.Comparator<TopicPartition> PARTITION_ORDER =
            java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);
}
