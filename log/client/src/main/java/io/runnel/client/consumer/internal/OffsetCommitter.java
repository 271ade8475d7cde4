package io.runnel.client.consumer.internal;

import io.runnel.client.Node;
import io.runnel.client.consumer.CommitFailedException;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.RetriableCommitFailedException;
import io.runnel.client.internal.KafkaClient;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.FencedInstanceIdException;
import io.runnel.common.errors.RebalanceInProgressException;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offset commits and offset fetches to the group coordinator, as Kafka's {@code ConsumerCoordinator} does them. Commits
 * go out one at a time, in the order they were made, so a later commit never lands before an earlier one. A commit of
 * a subscribed consumer carries its generation and member id; while the member is not stable in a generation it fails
 * with {@link RebalanceInProgressException} (a rebalance is under way) or {@link CommitFailedException} (it is out of
 * the group). Errors, as in Kafka: {@code REBALANCE_IN_PROGRESS} asks for a rejoin; {@code UNKNOWN_MEMBER_ID} / {@code
 * ILLEGAL_GENERATION} reset the generation and fail with {@code CommitFailedException}; {@code FENCED_INSTANCE_ID} is
 * fatal; coordinator errors make the coordinator unknown; retriable errors are retried until the commit's deadline
 * when it asks for retries (commitSync) and fail it otherwise (commitAsync, wrapped in {@link
 * RetriableCommitFailedException}).
 *
 * <p>Offset fetches look up the committed offsets of new partitions (their starting positions) and answer {@code
 * committed()}; retriable errors retry until the deadline.
 *
 * <p>Thread-safe entry points ({@link #commit}, {@link #fetch}) queue work for the I/O thread, which {@link #poll}s.
 */
final class OffsetCommitter {
    private static final Logger log = LoggerFactory.getLogger(OffsetCommitter.class);

    /** A commit waiting to be sent or answered. */
    private static final class Commit {
        final Map<TopicPartition, OffsetAndMetadata> offsets;
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final long deadlineMs;
        final boolean retry;
        long nextAttemptMs;

        @Nullable
        RuntimeException lastError;

        Commit(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs, boolean retry) {
            this.offsets = offsets;
            this.deadlineMs = deadlineMs;
            this.retry = retry;
        }
    }

    /** A {@code committed()} lookup. */
    private static final class Fetch {
        final Set<TopicPartition> partitions;
        final CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> future = new CompletableFuture<>();
        final long deadlineMs;
        boolean inFlight;
        long nextAttemptMs;

        Fetch(Set<TopicPartition> partitions, long deadlineMs) {
            this.partitions = partitions;
            this.deadlineMs = deadlineMs;
        }
    }

    private final GroupSettings settings;
    private final KafkaClient network;
    private final Time time;
    private final CoordinatorLocator locator;
    private final GroupMembership membership;
    private final SubscriptionState subscriptions;
    private final TopicSubscription subscription;
    private final String logPrefix;
    private final ConcurrentLinkedQueue<Commit> newCommits = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Fetch> newFetches = new ConcurrentLinkedQueue<>();
    /** I/O thread only. */
    private final ArrayDeque<Commit> commits = new ArrayDeque<>();

    private final List<Fetch> fetches = new ArrayList<>();
    private boolean commitInFlight;

    OffsetCommitter(
            GroupSettings settings,
            KafkaClient network,
            Time time,
            CoordinatorLocator locator,
            GroupMembership membership,
            SubscriptionState subscriptions,
            TopicSubscription subscription,
            String logPrefix) {
        this.settings = settings;
        this.network = network;
        this.time = time;
        this.locator = locator;
        this.membership = membership;
        this.subscriptions = subscriptions;
        this.subscription = subscription;
        this.logPrefix = logPrefix;
    }

    /**
     * Queues a commit. Any thread.
     *
     * @param retry whether retriable failures are retried until {@code deadlineMs} (commitSync)
     */
    CompletableFuture<Void> commit(Map<TopicPartition, OffsetAndMetadata> offsets, long deadlineMs, boolean retry) {
        Commit commit = new Commit(Map.copyOf(offsets), deadlineMs, retry);
        if (offsets.isEmpty()) {
            commit.future.complete(null);
        } else {
            newCommits.add(commit);
            network.wakeup();
        }
        return commit.future;
    }

    /** Queues a lookup of committed offsets; partitions without one map to nothing. Any thread. */
    CompletableFuture<Map<TopicPartition, OffsetAndMetadata>> fetch(Set<TopicPartition> partitions, long deadlineMs) {
        Fetch fetch = new Fetch(Set.copyOf(partitions), deadlineMs);
        if (partitions.isEmpty()) {
            fetch.future.complete(Map.of());
        } else {
            newFetches.add(fetch);
            network.wakeup();
        }
        return fetch.future;
    }

    /** Whether anything waits for the coordinator. I/O thread. */
    boolean needsCoordinator() {
        return !commits.isEmpty() || !fetches.isEmpty() || !newCommits.isEmpty() || !newFetches.isEmpty();
    }

    /** Fails everything queued (the consumer is closing). I/O thread. */
    void failAll(RunnelException cause) {
        drainNew();
        commits.forEach(c -> c.future.completeExceptionally(cause));
        fetches.forEach(f -> f.future.completeExceptionally(cause));
        commits.clear();
        fetches.clear();
    }

    private void drainNew() {
        Commit commit;
        while ((commit = newCommits.poll()) != null) {
            commits.add(commit);
        }
        Fetch fetch;
        while ((fetch = newFetches.poll()) != null) {
            fetches.add(fetch);
        }
    }

    /**
     * Sends what can be sent.
     *
     * @return milliseconds until this should be called again
     */
    long poll(long nowMs) {
        drainNew();
        expire(nowMs);
        Node coordinator = locator.coordinator();
        List<SubscriptionState.CommittedTarget> lookups = subscriptions.takeCommittedLookups(nowMs);
        if (coordinator == null || !network.ready(coordinator, nowMs)) {
            long retryAt = nowMs + settings.retryBackoffMs();
            lookups.forEach(target -> subscriptions.committedFailed(target, retryAt));
            return settings.retryBackoffMs();
        }
        long wait = Long.MAX_VALUE;
        if (!lookups.isEmpty()) {
            sendPositionLookups(coordinator, lookups, nowMs);
        }
        for (Fetch fetch : fetches) {
            if (!fetch.inFlight && nowMs >= fetch.nextAttemptMs) {
                sendFetch(coordinator, fetch, nowMs);
            }
        }
        Commit next = commits.peekFirst();
        if (next != null && !commitInFlight) {
            if (nowMs >= next.nextAttemptMs) {
                sendCommit(coordinator, next, nowMs);
            } else {
                wait = next.nextAttemptMs - nowMs;
            }
        }
        return wait;
    }

    private void expire(long nowMs) {
        Iterator<Commit> it = commits.iterator();
        while (it.hasNext()) {
            Commit commit = it.next();
            if (nowMs >= commit.deadlineMs && !(commitInFlight && commit == commits.peekFirst())) {
                RuntimeException cause = commit.lastError;
                commit.future.completeExceptionally(
                        commit.retry
                                ? new TimeoutException("Timeout expired before successfully committing offsets "
                                        + commit.offsets
                                        + (cause == null ? "" : ": " + cause.getMessage()))
                                : new RetriableCommitFailedException(
                                        "Offset commit failed with a retriable exception. You should retry committing"
                                                + " the latest consumed offsets.",
                                        cause != null ? cause : new TimeoutException("no coordinator in time")));
                it.remove();
            }
        }
        fetches.removeIf(fetch -> {
            if (nowMs >= fetch.deadlineMs && !fetch.inFlight) {
                fetch.future.completeExceptionally(new TimeoutException(
                        "Timeout expired while fetching committed" + " offsets of " + fetch.partitions));
                return true;
            }
            return fetch.future.isDone();
        });
    }

    // ---- commits

    private void sendCommit(Node coordinator, Commit commit, long nowMs) {
        GroupMembership.Generation generation;
        String instanceId;
        if (subscription.isAutoAssigned()) {
            generation = membership.generationIfStable();
            instanceId = settings.instanceIdOrNull();
            if (generation == null) {
                finishCommit(
                        commit,
                        membership.rebalanceInProgress()
                                ? new RebalanceInProgressException("Offset commit cannot be completed since the"
                                        + " consumer is undergoing a rebalance for auto partition assignment. You can"
                                        + " try completing the rebalance by calling poll() and then retry the"
                                        + " operation.")
                                : new CommitFailedException("Offset commit cannot be completed since the consumer is"
                                        + " not part of an active group for auto partition assignment; it is likely"
                                        + " that the consumer was kicked out of the group."));
                return;
            }
        } else {
            generation = GroupMembership.Generation.NO_GENERATION;
            instanceId = null;
        }
        Map<String, List<OffsetCommitRequest.OffsetCommitRequestPartition>> byTopic = new LinkedHashMap<>();
        commit.offsets.forEach((tp, offset) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new OffsetCommitRequest.OffsetCommitRequestPartition(
                        tp.partition(), offset.offset(), offset.leaderEpoch().orElse(-1), offset.metadata())));
        List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
        byTopic.forEach(
                (topic, partitions) -> topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic(topic, partitions)));
        commitInFlight = true;
        GroupMembership.Generation sent = generation;
        log.debug("{} Committing offsets {}", logPrefix, commit.offsets);
        network.send(
                coordinator,
                ApiKey.OFFSET_COMMIT,
                new OffsetCommitRequest(settings.groupId(), sent.generationId(), sent.memberId(), instanceId, topics),
                handler(
                        body -> {
                            commitInFlight = false;
                            onCommit(commit, (OffsetCommitResponse) body, sent);
                        },
                        error -> {
                            commitInFlight = false;
                            locator.markUnknown(network, "offset commit failed: " + error.getMessage());
                            retryOrFail(
                                    commit,
                                    new RetriableCommitFailedException(
                                            "Offset commit failed: " + error.getMessage(), error));
                        }),
                true,
                nowMs,
                settings.requestTimeoutMs());
    }

    private void onCommit(Commit commit, OffsetCommitResponse response, GroupMembership.Generation sent) {
        for (OffsetCommitResponse.OffsetCommitResponseTopic topic : response.topics()) {
            for (OffsetCommitResponse.OffsetCommitResponsePartition partition : topic.partitions()) {
                Errors error = Errors.forCode(partition.errorCode());
                if (error != Errors.NONE) {
                    onCommitError(commit, error, new TopicPartition(topic.name(), partition.partitionIndex()), sent);
                    return;
                }
            }
        }
        log.debug("{} Committed offsets {}", logPrefix, commit.offsets);
        finishCommit(commit, null);
    }

    private void onCommitError(Commit commit, Errors error, TopicPartition tp, GroupMembership.Generation sent) {
        log.debug("{} Offset commit for {} failed: {}", logPrefix, tp, error);
        switch (error) {
            case COORDINATOR_LOAD_IN_PROGRESS, UNKNOWN_TOPIC_OR_PARTITION ->
                retryOrFail(
                        commit,
                        new RetriableCommitFailedException(
                                "Offset commit failed with a retriable exception: " + error.defaultMessage()));
            case COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR, REQUEST_TIMED_OUT -> {
                locator.markUnknown(network, error.name());
                retryOrFail(
                        commit,
                        new RetriableCommitFailedException(
                                "Offset commit failed with a retriable exception: " + error.defaultMessage()));
            }
            case FENCED_INSTANCE_ID -> {
                membership.fail(error, "offset commit");
                finishCommit(commit, new FencedInstanceIdException(error.defaultMessage()));
            }
            case REBALANCE_IN_PROGRESS -> {
                membership.requestRejoin("offset commit failed since group is already rebalancing");
                finishCommit(
                        commit,
                        new RebalanceInProgressException("Offset commit cannot be completed since the"
                                + " consumer group is executing a rebalance at the moment. You can try completing the"
                                + " rebalance by calling poll() and then retry commit again"));
            }
            case UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION -> {
                if (!sent.equals(membership.generation())
                        && membership.state() == GroupMembership.State.PREPARING_REBALANCE) {
                    finishCommit(
                            commit,
                            new RebalanceInProgressException("Offset commit cannot be completed since"
                                    + " the consumer member's generation is already stale, meaning it has already"
                                    + " participated another rebalance and got a new generation. You can try completing the"
                                    + " rebalance by calling poll() and then retry commit again"));
                } else {
                    if (subscription.isAutoAssigned()) {
                        membership.resetGeneration(
                                "encountered " + error + " from OFFSET_COMMIT response",
                                error == Errors.UNKNOWN_MEMBER_ID);
                    }
                    finishCommit(commit, new CommitFailedException());
                }
            }
            default -> {
                RunnelException exception = error.exception(null);
                finishCommit(
                        commit,
                        exception != null ? exception : new RunnelException("Unexpected error in commit: " + error));
            }
        }
    }

    private void retryOrFail(Commit commit, RuntimeException error) {
        commit.lastError = error;
        long now = time.milliseconds();
        if (commit.retry && now + settings.retryBackoffMs() < commit.deadlineMs) {
            commit.nextAttemptMs = now + settings.retryBackoffMs();
            return;
        }
        finishCommit(
                commit,
                commit.retry
                        ? new TimeoutException("offset commit did not succeed in time: " + error.getMessage())
                        : error);
    }

    private void finishCommit(Commit commit, @Nullable RuntimeException error) {
        commits.remove(commit);
        if (error == null) {
            commit.future.complete(null);
        } else {
            commit.future.completeExceptionally(error);
        }
    }

    // ---- fetches

    private void sendPositionLookups(Node coordinator, List<SubscriptionState.CommittedTarget> targets, long nowMs) {
        Map<TopicPartition, SubscriptionState.CommittedTarget> byPartition = new HashMap<>();
        targets.forEach(t -> byPartition.put(t.partition(), t));
        sendOffsetFetch(coordinator, byPartition.keySet(), nowMs, (offsets, error) -> {
            long retryAt = time.milliseconds() + settings.retryBackoffMs();
            byPartition.forEach((tp, target) -> {
                if (error != null) {
                    subscriptions.committedFailed(target, retryAt);
                } else {
                    OffsetAndMetadata committed = offsets.get(tp);
                    log.info(
                            "{} Setting offset for partition {} to the committed offset {}",
                            logPrefix,
                            tp,
                            committed == null ? "(none)" : committed.offset());
                    subscriptions.committedDone(target, committed == null ? -1 : committed.offset());
                }
            });
        });
    }

    private void sendFetch(Node coordinator, Fetch fetch, long nowMs) {
        fetch.inFlight = true;
        sendOffsetFetch(coordinator, fetch.partitions, nowMs, (offsets, error) -> {
            fetch.inFlight = false;
            if (error == null) {
                fetch.future.complete(offsets);
            } else if (error instanceof RetriableException) {
                fetch.nextAttemptMs = time.milliseconds() + settings.retryBackoffMs();
            } else {
                fetch.future.completeExceptionally(error);
            }
        });
    }

    private void sendOffsetFetch(
            Node coordinator,
            Collection<TopicPartition> partitions,
            long nowMs,
            BiConsumer<Map<TopicPartition, OffsetAndMetadata>, @Nullable RuntimeException> onDone) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp ->
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        List<OffsetFetchRequest.OffsetFetchRequestTopics> topics = new ArrayList<>();
        byTopic.forEach(
                (topic, indexes) -> topics.add(new OffsetFetchRequest.OffsetFetchRequestTopics(topic, indexes)));
        network.send(
                coordinator,
                ApiKey.OFFSET_FETCH,
                new OffsetFetchRequest(
                        List.of(new OffsetFetchRequest.OffsetFetchRequestGroup(settings.groupId(), null, -1, topics)),
                        true),
                handler(body -> onOffsetFetch((OffsetFetchResponse) body, onDone), error -> {
                    locator.markUnknown(network, "offset fetch failed: " + error.getMessage());
                    onDone.accept(Map.of(), new RetriableCommitFailedException("offset fetch failed", error));
                }),
                true,
                nowMs,
                settings.requestTimeoutMs());
    }

    private void onOffsetFetch(
            OffsetFetchResponse response,
            BiConsumer<Map<TopicPartition, OffsetAndMetadata>, @Nullable RuntimeException> onDone) {
        if (response.groups().isEmpty()) {
            onDone.accept(Map.of(), new RunnelException("OffsetFetch response names no group"));
            return;
        }
        OffsetFetchResponse.OffsetFetchResponseGroup group = response.groups().get(0);
        Errors groupError = Errors.forCode(group.errorCode());
        if (groupError != Errors.NONE) {
            onDone.accept(Map.of(), fetchError(groupError));
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (OffsetFetchResponse.OffsetFetchResponseTopics topic : group.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartitions partition : topic.partitions()) {
                Errors error = Errors.forCode(partition.errorCode());
                if (error != Errors.NONE) {
                    onDone.accept(Map.of(), fetchError(error));
                    return;
                }
                if (partition.committedOffset() >= 0) {
                    offsets.put(
                            new TopicPartition(topic.name(), partition.partitionIndex()),
                            new OffsetAndMetadata(
                                    partition.committedOffset(),
                                    partition.committedLeaderEpoch() < 0
                                            ? Optional.empty()
                                            : Optional.of(partition.committedLeaderEpoch()),
                                    partition.metadata() == null ? "" : partition.metadata()));
                }
            }
        }
        onDone.accept(offsets, null);
    }

    private RuntimeException fetchError(Errors error) {
        if (error == Errors.NOT_COORDINATOR || error == Errors.COORDINATOR_NOT_AVAILABLE) {
            locator.markUnknown(network, error.name());
        }
        RunnelException exception = error.exception("fetching committed offsets failed: " + error.defaultMessage());
        return exception != null ? exception : new RunnelException(error.name());
    }

    private static ResponseHandler handler(
            java.util.function.Consumer<Message> onResponse, java.util.function.Consumer<RuntimeException> onFailure) {
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
