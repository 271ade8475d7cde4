package io.runnel.client.consumer.internal;

import io.runnel.client.Node;
import io.runnel.client.internal.Cluster;
import io.runnel.client.internal.KafkaClient;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.ResponseHandler;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.FetchRequest;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.message.ListOffsetsRequest;
import io.runnel.protocol.message.ListOffsetsResponse;
import io.runnel.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import io.runnel.protocol.message.Message;
import io.runnel.records.Records;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's I/O thread. Each pass ({@link #runOnce(long)}): keeps metadata for the assigned topics fresh, looks
 * up positions that need a reset ({@code auto.offset.reset}, {@code seekToBeginning/End}), runs the application's
 * offset lookups, and sends one Fetch per leader for the assigned, unpaused partitions that have a position, no
 * fetch in flight and no data waiting in the {@link FetchBuffer}. Fetched data goes to the buffer for {@code poll};
 * {@code OFFSET_OUT_OF_RANGE} resets the position by the policy (or fails the next poll), leader errors refresh
 * metadata.
 *
 * <p>Fetches use no fetch session (session id 0, epoch -1: every fetch is a full one) and name topics by id, as Fetch
 * v17 requires.
 */
public final class ConsumerFetcher implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ConsumerFetcher.class);
    private static final long MAX_POLL_MS = 1_000L;
    private static final int CONSUMER_REPLICA_ID = -1;
    private static final int NO_EPOCH = -1;
    private static final UUID NO_DIRECTORY = new UUID(0L, 0L);

    /**
     * What the fetcher needs from the consumer's config.
     *
     * @param fetchMinBytes {@code fetch.min.bytes}
     * @param fetchMaxWaitMs {@code fetch.max.wait.ms}
     * @param fetchMaxBytes {@code fetch.max.bytes}
     * @param maxPartitionFetchBytes {@code max.partition.fetch.bytes}
     * @param isolationLevel 0 read_uncommitted, 1 read_committed
     * @param checkCrcs {@code check.crcs}
     * @param requestTimeoutMs {@code request.timeout.ms}
     * @param retryBackoffMs {@code retry.backoff.ms}
     */
    public record Settings(
            int fetchMinBytes,
            int fetchMaxWaitMs,
            int fetchMaxBytes,
            int maxPartitionFetchBytes,
            byte isolationLevel,
            boolean checkCrcs,
            long requestTimeoutMs,
            long retryBackoffMs) {}

    private final Settings settings;
    private final SubscriptionState subscriptions;
    private final FetchBuffer buffer;
    private final Metadata metadata;
    private final KafkaClient network;
    private final MetadataUpdater metadataUpdater;
    private final Time time;
    private final String logPrefix;
    private final @Nullable ConsumerCoordinator coordinator;
    private final ConcurrentLinkedQueue<OffsetLookup> newLookups = new ConcurrentLinkedQueue<>();
    /** I/O thread only. */
    private final List<OffsetLookup> lookups = new ArrayList<>();

    private final Set<Integer> nodesWithFetchInFlight = new HashSet<>();
    private final Set<TopicPartition> partitionsInFetch = new HashSet<>();
    private final Map<Integer, Long> nodeBackoffUntil = new HashMap<>();
    private volatile boolean running = true;

    public ConsumerFetcher(
            Settings settings,
            SubscriptionState subscriptions,
            FetchBuffer buffer,
            Metadata metadata,
            KafkaClient network,
            MetadataUpdater metadataUpdater,
            Time time,
            String logPrefix) {
        this(settings, subscriptions, buffer, metadata, network, metadataUpdater, null, time, logPrefix);
    }

    /** With the group client of a consumer that has a {@code group.id}, which this thread steps too. */
    public ConsumerFetcher(
            Settings settings,
            SubscriptionState subscriptions,
            FetchBuffer buffer,
            Metadata metadata,
            KafkaClient network,
            MetadataUpdater metadataUpdater,
            @Nullable ConsumerCoordinator coordinator,
            Time time,
            String logPrefix) {
        this.coordinator = coordinator;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.buffer = buffer;
        this.metadata = metadata;
        this.network = network;
        this.metadataUpdater = metadataUpdater;
        this.time = time;
        this.logPrefix = logPrefix;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    runOnce(time.milliseconds());
                } catch (RuntimeException e) {
                    log.error("{} Uncaught error in the consumer's I/O thread", logPrefix, e);
                }
            }
        } finally {
            if (coordinator != null) {
                coordinator.close();
            }
            network.close();
            RunnelException closed = new RunnelException("the consumer was closed");
            lookups.forEach(lookup -> lookup.future.completeExceptionally(closed));
            OffsetLookup lookup;
            while ((lookup = newLookups.poll()) != null) {
                lookup.future.completeExceptionally(closed);
            }
            metadata.close();
        }
    }

    /** Hands an offset lookup to the I/O thread. Any thread. */
    public void submit(OffsetLookup lookup) {
        newLookups.add(lookup);
        network.wakeup();
    }

    /** Wakes the I/O thread (data was taken, positions changed). Any thread. */
    public void wakeup() {
        network.wakeup();
    }

    /** Stops the loop; the thread then closes the network. Any thread. */
    public void close() {
        running = false;
        network.wakeup();
    }

    void runOnce(long now) {
        OffsetLookup added;
        while ((added = newLookups.poll()) != null) {
            lookups.add(added);
        }
        Set<String> topics = new HashSet<>(subscriptions.assignedTopics());
        lookups.forEach(lookup -> topics.addAll(lookup.topics()));
        if (coordinator != null) {
            topics.addAll(coordinator.metadataTopics());
            metadata.setAllTopics(coordinator.needsAllTopics());
        }
        metadata.setTopics(topics);
        long wait = Math.min(MAX_POLL_MS, metadataUpdater.maybeUpdate(now));
        Cluster cluster = metadata.cluster();
        if (coordinator != null) {
            wait = Math.min(wait, coordinator.poll(cluster, metadataUpdater.candidates(), now, metadata.version()));
        }
        wait = Math.min(wait, sendResets(cluster, now));
        wait = Math.min(wait, sendLookups(cluster, now));
        wait = Math.min(wait, sendFetches(cluster, now));
        network.poll(Math.max(0, wait), now);
    }

    // ---- position resets

    private long sendResets(Cluster cluster, long now) {
        Map<Node, List<SubscriptionState.ResetTarget>> byLeader = new HashMap<>();
        long wait = MAX_POLL_MS;
        for (SubscriptionState.ResetTarget target : subscriptions.takeResets(now)) {
            Node leader = cluster.leaderFor(target.partition());
            if (leader == null || !network.ready(leader, now)) {
                metadata.addTopic(target.partition().topic());
                if (leader == null) {
                    metadata.requestUpdate();
                }
                subscriptions.resetFailed(target, now + settings.retryBackoffMs());
                wait = settings.retryBackoffMs();
                continue;
            }
            byLeader.computeIfAbsent(leader, n -> new ArrayList<>()).add(target);
        }
        byLeader.forEach((leader, targets) -> {
            Map<TopicPartition, Long> timestamps = new HashMap<>();
            Map<TopicPartition, SubscriptionState.ResetTarget> byPartition = new HashMap<>();
            targets.forEach(t -> {
                timestamps.put(t.partition(), t.timestamp());
                byPartition.put(t.partition(), t);
            });
            sendListOffsets(
                    leader,
                    timestamps,
                    now,
                    (tp, answer) -> {
                        SubscriptionState.ResetTarget target = byPartition.remove(tp);
                        if (target == null) {
                            return;
                        }
                        Errors error = Errors.forCode(answer.errorCode());
                        if (error == Errors.NONE && answer.offset() >= 0) {
                            subscriptions.resetDone(target, answer.offset());
                            buffer.wakeup();
                        } else {
                            onPartitionError(tp, error);
                            subscriptions.resetFailed(target, time.milliseconds() + settings.retryBackoffMs());
                        }
                    },
                    failure -> byPartition
                            .values()
                            .forEach(t ->
                                    subscriptions.resetFailed(t, time.milliseconds() + settings.retryBackoffMs())));
        });
        return wait;
    }

    // ---- application lookups

    private long sendLookups(Cluster cluster, long now) {
        long wait = MAX_POLL_MS;
        Iterator<OffsetLookup> it = lookups.iterator();
        while (it.hasNext()) {
            OffsetLookup lookup = it.next();
            if (lookup.isDone()) {
                it.remove();
                continue;
            }
            if (now >= lookup.deadlineMs) {
                RuntimeException cause = lookup.lastError;
                lookup.future.completeExceptionally(new TimeoutException("offsets of " + missing(lookup)
                        + " could not be looked up in time" + (cause == null ? "" : ": " + cause.getMessage())));
                it.remove();
                continue;
            }
            wait = Math.min(wait, lookup.deadlineMs - now);
            if (now < lookup.nextAttemptMs) {
                wait = Math.min(wait, lookup.nextAttemptMs - now);
                continue;
            }
            Map<Node, Map<TopicPartition, Long>> byLeader = new HashMap<>();
            for (Map.Entry<TopicPartition, Long> entry : lookup.timestamps.entrySet()) {
                TopicPartition tp = entry.getKey();
                if (lookup.results.containsKey(tp) || lookup.inFlight.contains(tp)) {
                    continue;
                }
                Node leader = cluster.leaderFor(tp);
                if (leader == null) {
                    metadata.requestUpdate();
                    continue;
                }
                if (network.ready(leader, now)) {
                    byLeader.computeIfAbsent(leader, n -> new HashMap<>()).put(tp, entry.getValue());
                }
            }
            byLeader.forEach((leader, timestamps) -> {
                lookup.inFlight.addAll(timestamps.keySet());
                sendListOffsets(
                        leader, timestamps, now, (tp, answer) -> onLookupAnswer(lookup, tp, answer), failure -> {
                            lookup.inFlight.removeAll(timestamps.keySet());
                            lookup.lastError = failure;
                            lookup.nextAttemptMs = time.milliseconds() + settings.retryBackoffMs();
                            if (!(failure instanceof RetriableException)) {
                                lookup.future.completeExceptionally(failure);
                            }
                        });
            });
        }
        return wait;
    }

    private void onLookupAnswer(OffsetLookup lookup, TopicPartition tp, ListOffsetsPartitionResponse answer) {
        lookup.inFlight.remove(tp);
        Errors error = Errors.forCode(answer.errorCode());
        if (error == Errors.NONE) {
            lookup.results.put(tp, answer);
            if (lookup.results.size() == lookup.timestamps.size()) {
                lookup.future.complete(Map.copyOf(lookup.results));
            }
            return;
        }
        RunnelException exception = error.exception(null);
        lookup.lastError = exception;
        if (error.retriable()) {
            onPartitionError(tp, error);
            lookup.nextAttemptMs = time.milliseconds() + settings.retryBackoffMs();
        } else {
            lookup.future.completeExceptionally(exception != null ? exception : new RunnelException(error.name()));
        }
    }

    private static Set<TopicPartition> missing(OffsetLookup lookup) {
        Set<TopicPartition> missing = new HashSet<>(lookup.timestamps.keySet());
        missing.removeAll(lookup.results.keySet());
        return missing;
    }

    private void sendListOffsets(
            Node leader,
            Map<TopicPartition, Long> timestamps,
            long now,
            BiConsumer<TopicPartition, ListOffsetsPartitionResponse> onAnswer,
            Consumer<RuntimeException> onFailure) {
        Map<String, List<ListOffsetsRequest.ListOffsetsPartition>> byTopic = new HashMap<>();
        timestamps.forEach((tp, timestamp) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new ListOffsetsRequest.ListOffsetsPartition(tp.partition(), NO_EPOCH, timestamp)));
        List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> topics.add(new ListOffsetsRequest.ListOffsetsTopic(topic, partitions)));
        network.send(
                leader,
                ApiKey.LIST_OFFSETS,
                new ListOffsetsRequest(CONSUMER_REPLICA_ID, settings.isolationLevel(), topics),
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        if (!(body instanceof ListOffsetsResponse response)) {
                            onFailure.accept(new RunnelException("ListOffsets got no response body"));
                            return;
                        }
                        Set<TopicPartition> answered = new HashSet<>();
                        for (ListOffsetsResponse.ListOffsetsTopicResponse topic : response.topics()) {
                            for (ListOffsetsPartitionResponse partition : topic.partitions()) {
                                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                                if (timestamps.containsKey(tp) && answered.add(tp)) {
                                    onAnswer.accept(tp, partition);
                                }
                            }
                        }
                        if (answered.size() < timestamps.size()) {
                            onFailure.accept(new RetriableException("the broker did not answer for every partition"));
                        }
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        onFailure.accept(error);
                    }
                },
                true,
                now,
                settings.requestTimeoutMs());
    }

    // ---- fetches

    private long sendFetches(Cluster cluster, long now) {
        Map<Node, List<SubscriptionState.FetchTarget>> byLeader = new HashMap<>();
        long wait = MAX_POLL_MS;
        for (SubscriptionState.FetchTarget target : subscriptions.fetchTargets()) {
            TopicPartition tp = target.partition();
            if (partitionsInFetch.contains(tp) || buffer.hasBuffered(tp)) {
                continue;
            }
            Node leader = cluster.leaderFor(tp);
            if (leader == null || cluster.topicId(tp.topic()) == null) {
                metadata.requestUpdate();
                continue;
            }
            Long backoff = nodeBackoffUntil.get(leader.id());
            if (backoff != null && now < backoff) {
                wait = Math.min(wait, backoff - now);
                continue;
            }
            if (nodesWithFetchInFlight.contains(leader.id()) || !network.ready(leader, now)) {
                continue;
            }
            byLeader.computeIfAbsent(leader, n -> new ArrayList<>()).add(target);
        }
        byLeader.forEach((leader, targets) -> sendFetch(cluster, leader, targets, now));
        return wait;
    }

    private void sendFetch(Cluster cluster, Node leader, List<SubscriptionState.FetchTarget> targets, long now) {
        Map<UUID, List<FetchRequest.FetchPartition>> byTopic = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        Map<TopicPartition, SubscriptionState.FetchTarget> byPartition = new HashMap<>();
        for (SubscriptionState.FetchTarget target : targets) {
            TopicPartition tp = target.partition();
            UUID topicId = cluster.topicId(tp.topic());
            if (topicId == null) {
                continue;
            }
            names.put(topicId, tp.topic());
            byTopic.computeIfAbsent(topicId, id -> new ArrayList<>())
                    .add(new FetchRequest.FetchPartition(
                            tp.partition(),
                            NO_EPOCH,
                            target.position(),
                            NO_EPOCH,
                            -1L,
                            settings.maxPartitionFetchBytes(),
                            NO_DIRECTORY));
            byPartition.put(tp, target);
        }
        List<FetchRequest.FetchTopic> topics = new ArrayList<>();
        byTopic.forEach((id, partitions) -> topics.add(new FetchRequest.FetchTopic(id, partitions)));
        FetchRequest request = new FetchRequest(
                null,
                new FetchRequest.ReplicaState(CONSUMER_REPLICA_ID, -1L),
                settings.fetchMaxWaitMs(),
                settings.fetchMinBytes(),
                settings.fetchMaxBytes(),
                settings.isolationLevel(),
                0,
                -1,
                topics,
                List.of(),
                "");
        nodesWithFetchInFlight.add(leader.id());
        partitionsInFetch.addAll(byPartition.keySet());
        log.trace("{} Fetching {} from {}", logPrefix, byPartition.keySet(), leader);
        network.send(
                leader,
                ApiKey.FETCH,
                request,
                new ResponseHandler() {
                    @Override
                    public void onResponse(@Nullable Message body) {
                        fetchDone(leader, byPartition);
                        handleFetch((FetchResponse) body, names, byPartition);
                    }

                    @Override
                    public void onFailure(RuntimeException error) {
                        fetchDone(leader, byPartition);
                        log.debug("{} Fetch from {} failed: {}", logPrefix, leader, error.toString());
                        nodeBackoffUntil.put(leader.id(), time.milliseconds() + settings.retryBackoffMs());
                        if (!(error instanceof RetriableException)) {
                            subscriptions.setPendingError(
                                    error instanceof RunnelException runnel ? runnel : new RunnelException(error));
                            buffer.wakeup();
                        }
                    }
                },
                true,
                now,
                settings.requestTimeoutMs() + settings.fetchMaxWaitMs());
    }

    private void fetchDone(Node leader, Map<TopicPartition, SubscriptionState.FetchTarget> partitions) {
        nodesWithFetchInFlight.remove(leader.id());
        partitionsInFetch.removeAll(partitions.keySet());
    }

    private void handleFetch(
            @Nullable FetchResponse response,
            Map<UUID, String> names,
            Map<TopicPartition, SubscriptionState.FetchTarget> targets) {
        if (response == null) {
            return;
        }
        Errors topLevel = Errors.forCode(response.errorCode());
        if (topLevel != Errors.NONE) {
            log.debug("{} Fetch failed: {}", logPrefix, topLevel);
            metadata.requestUpdate();
            return;
        }
        for (FetchResponse.FetchableTopicResponse topic : response.responses()) {
            String name = names.get(topic.topicId());
            if (name == null) {
                continue;
            }
            for (FetchResponse.PartitionData data : topic.partitions()) {
                TopicPartition tp = new TopicPartition(name, data.partitionIndex());
                SubscriptionState.FetchTarget target = targets.get(tp);
                if (target == null) {
                    continue;
                }
                Errors error = Errors.forCode(data.errorCode());
                if (error == Errors.NONE) {
                    Records records = data.records();
                    if (records != null && records.sizeInBytes() > 0) {
                        // decoded from the response frame: in memory, a view of the frame's bytes (no copy)
                        buffer.add(new CompletedFetch(
                                tp,
                                target.epoch(),
                                target.position(),
                                records.toMemoryRecords(),
                                settings.checkCrcs()));
                    }
                } else if (error == Errors.OFFSET_OUT_OF_RANGE) {
                    log.info("{} Fetch position {} is out of range for {}", logPrefix, target.position(), tp);
                    subscriptions.outOfRange(tp, target.epoch(), target.position());
                    buffer.wakeup();
                } else {
                    onPartitionError(tp, error);
                }
            }
        }
    }

    private void onPartitionError(TopicPartition tp, Errors error) {
        if (error.retriable() || error == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
            log.debug("{} {} for {}; refreshing metadata", logPrefix, error, tp);
            metadata.requestUpdate();
        } else {
            RunnelException exception = error.exception("fetching " + tp + " failed");
            log.warn("{} {} for {}", logPrefix, error, tp);
            if (exception != null) {
                subscriptions.setPendingError(exception);
                buffer.wakeup();
            }
        }
    }
}
