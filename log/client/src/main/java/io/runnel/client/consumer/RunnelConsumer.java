package io.runnel.client.consumer;

import io.runnel.client.PartitionInfo;
import io.runnel.client.consumer.internal.Assignors;
import io.runnel.client.consumer.internal.CompletedFetchCollector;
import io.runnel.client.consumer.internal.ConsumerCoordinator;
import io.runnel.client.consumer.internal.ConsumerFetcher;
import io.runnel.client.consumer.internal.FetchBuffer;
import io.runnel.client.consumer.internal.GroupSettings;
import io.runnel.client.consumer.internal.OffsetLookup;
import io.runnel.client.consumer.internal.SubscriptionState;
import io.runnel.client.consumer.internal.TopicSubscription;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.NetworkClient;
import io.runnel.client.internal.Plugins;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.InvalidGroupIdException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.common.errors.WakeupException;
import io.runnel.common.serialization.Deserializer;
import io.runnel.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runnel's consumer, as Kafka's {@code KafkaConsumer} (classic group protocol). An I/O thread ({@code
 * runnel-consumer-<client.id>}, the {@link ConsumerFetcher}) keeps a fetch in flight for every assigned partition
 * whose previous data the application has taken, so the next records arrive while the application processes the
 * last ones; {@link #poll} deserializes on the calling thread. With a {@code group.id}, the same thread runs the group
 * client ({@link ConsumerCoordinator}): coordinator lookup, JoinGroup/SyncGroup, heartbeats, commits; rebalance and
 * commit callbacks run on the application thread inside {@link #poll} and the other calls.
 *
 * <p>Not thread-safe (see {@link Consumer}); a second thread entering while one is inside gets a {@link
 * ConcurrentModificationException}. Owns its I/O thread, connections, and the deserializers it created from the
 * configuration; {@link #close(Duration)} releases them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RunnelConsumer<K, V> implements Consumer<K, V> {
    private static final Logger log = LoggerFactory.getLogger(RunnelConsumer.class);
    private static final long NO_THREAD = -1L;
    private static final long EARLIEST = -2L;
    private static final long LATEST = -1L;

    private final ConsumerConfig config;
    private final Time time;
    private final String logPrefix;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;
    private final boolean ownsKeyDeserializer;
    private final boolean ownsValueDeserializer;
    private final SubscriptionState subscriptions;
    private final TopicSubscription subscription = new TopicSubscription();
    private final @Nullable ConsumerCoordinator coordinator;
    private final FetchBuffer buffer;
    private final CompletedFetchCollector collector;
    private final Metadata metadata;
    private final ConsumerFetcher fetcher;
    private final Thread ioThread;
    private final AtomicLong currentThread = new AtomicLong(NO_THREAD);
    private final AtomicInteger refCount = new AtomicInteger();
    private final AtomicBoolean wakeupRequested = new AtomicBoolean();
    private volatile CompletableFuture<Void> wakeupSignal = new CompletableFuture<>();
    private volatile boolean closed;

    /** A consumer from Kafka-named properties, deserializers from {@code key.deserializer} / {@code value.deserializer}. */
    public RunnelConsumer(Properties properties) {
        this(ConsumerConfig.fromProperties(properties), null, null);
    }

    /** As {@link #RunnelConsumer(Properties)}. */
    public RunnelConsumer(Map<String, ?> config) {
        this(ConsumerConfig.fromMap(config), null, null);
    }

    /** With the given deserializers (not closed by the consumer). */
    public RunnelConsumer(Map<String, ?> config, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(ConsumerConfig.fromMap(config), keyDeserializer, valueDeserializer);
    }

    /** As {@link #RunnelConsumer(Map, Deserializer, Deserializer)}. */
    public RunnelConsumer(Properties properties, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        this(ConsumerConfig.fromProperties(properties), keyDeserializer, valueDeserializer);
    }

    /**
     * A consumer with a typed configuration; null deserializers are created from the configuration.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException if a deserializer is neither given nor configured
     */
    public RunnelConsumer(
            ConsumerConfig config,
            @Nullable Deserializer<K> keyDeserializer,
            @Nullable Deserializer<V> valueDeserializer) {
        this(config, keyDeserializer, valueDeserializer, Time.SYSTEM);
    }

    @SuppressWarnings("unchecked")
    RunnelConsumer(
            ConsumerConfig config,
            @Nullable Deserializer<K> keyDeserializer,
            @Nullable Deserializer<V> valueDeserializer,
            Time time) {
        this.config = config;
        this.time = time;
        String groupId = config.groupId();
        this.logPrefix = "[Consumer clientId=" + config.network().clientId()
                + (groupId == null ? "" : ", groupId=" + groupId) + "]";
        this.ownsKeyDeserializer = keyDeserializer == null;
        this.ownsValueDeserializer = valueDeserializer == null;
        this.keyDeserializer = keyDeserializer != null
                ? keyDeserializer
                : (Deserializer<K>) Plugins.deserializer(
                        config.keyDeserializer(),
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        config.originals(),
                        true);
        this.valueDeserializer = valueDeserializer != null
                ? valueDeserializer
                : (Deserializer<V>) Plugins.deserializer(
                        config.valueDeserializer(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        config.originals(),
                        false);
        this.subscriptions = new SubscriptionState(config.autoOffsetReset(), groupId != null);
        this.buffer = new FetchBuffer();
        this.collector = new CompletedFetchCollector(subscriptions, buffer);
        this.metadata = new Metadata(config.network());
        NetworkClient network = new NetworkClient(config.network(), time, logPrefix);
        List<ConsumerPartitionAssignor> assignors = Assignors.create(config.partitionAssignmentStrategies());
        assignors.forEach(assignor -> assignor.configure(config.originals()));
        this.coordinator = groupId == null
                ? null
                : new ConsumerCoordinator(
                        GroupSettings.from(config, groupId),
                        assignors,
                        subscriptions,
                        subscription,
                        network,
                        time,
                        buffer::wakeup,
                        logPrefix);
        this.fetcher = new ConsumerFetcher(
                new ConsumerFetcher.Settings(
                        config.fetchMinBytes(),
                        (int) config.fetchMaxWait().toMillis(),
                        config.fetchMaxBytes(),
                        config.maxPartitionFetchBytes(),
                        config.readCommitted() ? (byte) 1 : (byte) 0,
                        config.checkCrcs(),
                        config.network().requestTimeout().toMillis(),
                        config.network().retryBackoff().toMillis()),
                subscriptions,
                buffer,
                metadata,
                network,
                new MetadataUpdater(
                        metadata, network, config.network(), time, config.allowAutoCreateTopics(), logPrefix),
                coordinator,
                time,
                logPrefix);
        this.ioThread =
                new Thread(fetcher, "runnel-consumer-" + config.network().clientId());
        ioThread.setDaemon(true);
        ioThread.start();
        log.info("{} Started", logPrefix);
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            for (TopicPartition tp : partitions) {
                Objects.requireNonNull(tp, "Topic partitions to assign to cannot have null elements");
                if (tp.topic().isBlank()) {
                    throw new IllegalArgumentException("Topic partitions to assign to cannot have null or empty topic");
                }
            }
            if (partitions.isEmpty()) {
                unsubscribe();
                return;
            }
            subscription.assignManually();
            subscriptions.assign(partitions);
            Set<TopicPartition> assigned = subscriptions.assignment();
            buffer.removeIf(fetch -> !assigned.contains(collector.partitionOf(fetch)));
            fetcher.wakeup();
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Collection<String> topics) {
        subscribe(topics, null, false);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        subscribe(topics, listener, true);
    }

    private void subscribe(
            Collection<String> topics, @Nullable ConsumerRebalanceListener listener, boolean listenerRequired) {
        acquireAndEnsureOpen();
        try {
            ConsumerCoordinator group = requireGroup();
            if (listenerRequired && listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            if (topics.isEmpty()) {
                unsubscribe();
                return;
            }
            for (String topic : topics) {
                if (topic == null || topic.isBlank()) {
                    throw new IllegalArgumentException(
                            "Topic collection to subscribe to cannot contain null or empty" + " topic");
                }
            }
            Set<String> wanted = Set.copyOf(topics);
            boolean changed = subscription.subscribe(wanted, listener);
            log.info("{} Subscribed to topic(s): {}", logPrefix, String.join(", ", new java.util.TreeSet<>(wanted)));
            buffer.removeIf(
                    fetch -> !wanted.contains(collector.partitionOf(fetch).topic()));
            metadata.requestUpdate();
            group.subscribed(changed);
        } finally {
            release();
        }
    }

    @Override
    public void subscribe(Pattern pattern) {
        subscribe(pattern, null, false);
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        subscribe(pattern, listener, true);
    }

    private void subscribe(Pattern pattern, @Nullable ConsumerRebalanceListener listener, boolean listenerRequired) {
        if (pattern == null || pattern.toString().isEmpty()) {
            throw new IllegalArgumentException(
                    "Topic pattern to subscribe to cannot be " + (pattern == null ? "null" : "empty"));
        }
        acquireAndEnsureOpen();
        try {
            ConsumerCoordinator group = requireGroup();
            if (listenerRequired && listener == null) {
                throw new IllegalArgumentException("RebalanceListener cannot be null");
            }
            subscription.subscribe(pattern, listener);
            log.info("{} Subscribed to pattern: '{}'", logPrefix, pattern);
            metadata.requestUpdate();
            group.subscribed(true);
        } finally {
            release();
        }
    }

    @Override
    public void unsubscribe() {
        acquireAndEnsureOpen();
        try {
            RuntimeException failure = null;
            if (coordinator != null) {
                failure = coordinator.onLeavePrepare();
                if (subscription.isAutoAssigned()) {
                    coordinator.leave("the consumer unsubscribed from all topics", false);
                }
            }
            subscription.unsubscribe();
            subscriptions.assign(List.of());
            buffer.removeIf(fetch -> true);
            log.info("{} Unsubscribed all topics or patterns and assigned partitions", logPrefix);
            if (failure != null) {
                throw new RunnelException("User rebalance callback throws an error", failure);
            }
        } finally {
            release();
        }
    }

    @Override
    public Set<String> subscription() {
        acquireAndEnsureOpen();
        try {
            return subscription.isAutoAssigned() ? Set.copyOf(subscription.topics()) : Set.of();
        } finally {
            release();
        }
    }

    @Override
    public void commitSync() {
        commitSync(config.defaultApiTimeout());
    }

    @Override
    public void commitSync(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            commitSync(requireGroup().consumedOffsets(), timeout);
        } finally {
            release();
        }
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        commitSync(offsets, config.defaultApiTimeout());
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            ConsumerCoordinator group = requireGroup();
            CompletableFuture<Void> commit =
                    group.commit(Map.copyOf(offsets), time.milliseconds() + timeout.toMillis(), true);
            try {
                await(commit, timeout);
            } catch (TimeoutException e) {
                throw new TimeoutException("Timeout of " + timeout.toMillis()
                        + "ms expired before successfully committing offsets " + offsets);
            } finally {
                group.invokeCompletedCallbacks();
            }
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync() {
        commitAsync(null);
    }

    @Override
    public void commitAsync(@Nullable OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            ConsumerCoordinator group = requireGroup();
            group.commitAsync(group.consumedOffsets(), callback);
        } finally {
            release();
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable OffsetCommitCallback callback) {
        acquireAndEnsureOpen();
        try {
            requireGroup().commitAsync(offsets, callback);
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        return committed(partitions, config.defaultApiTimeout());
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndMetadata> committed(
            Set<TopicPartition> partitions, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            ConsumerCoordinator group = requireGroup();
            Map<TopicPartition, OffsetAndMetadata> found;
            try {
                found = await(group.committed(partitions, time.milliseconds() + timeout.toMillis()), timeout);
            } catch (TimeoutException e) {
                throw new TimeoutException("Timeout of " + timeout.toMillis()
                        + "ms expired before the last committed offset for partitions " + partitions
                        + " could be determined. Try tuning default.api.timeout.ms larger to relax the threshold.");
            }
            Map<TopicPartition, @Nullable OffsetAndMetadata> result = new HashMap<>();
            partitions.forEach(tp -> result.put(tp, found.get(tp)));
            return result;
        } finally {
            release();
        }
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        acquireAndEnsureOpen();
        try {
            return requireGroup().groupMetadata();
        } finally {
            release();
        }
    }

    @Override
    public void enforceRebalance() {
        enforceRebalance(null);
    }

    @Override
    public void enforceRebalance(@Nullable String reason) {
        acquireAndEnsureOpen();
        try {
            if (coordinator == null) {
                throw new IllegalStateException("Tried to force a rebalance but consumer does not have a group.");
            }
            coordinator.enforceRebalance(reason == null || reason.isEmpty() ? "rebalance enforced by user" : reason);
        } finally {
            release();
        }
    }

    private ConsumerCoordinator requireGroup() {
        if (coordinator == null) {
            throw new InvalidGroupIdException("To use the group management or offset commit APIs, you must provide a"
                    + " valid group.id in the consumer configuration.");
        }
        return coordinator;
    }

    @Override
    public Set<TopicPartition> assignment() {
        acquireAndEnsureOpen();
        try {
            return subscriptions.assignment();
        } finally {
            release();
        }
    }

    @Override
    public ConsumerRecords<K, V> poll(Duration timeout) {
        acquireAndEnsureOpen();
        try {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("Timeout must not be negative");
            }
            if (subscription.type() == TopicSubscription.Type.NONE) {
                throw new IllegalStateException("Consumer is not subscribed to any topics or assigned any partitions");
            }
            long deadline = time.milliseconds() + Math.min(timeout.toMillis(), TimeUnit.DAYS.toMillis(365));
            fetcher.wakeup();
            while (true) {
                checkWakeup();
                if (coordinator != null) {
                    coordinator.poll(time.milliseconds());
                }
                subscriptions.throwPendingError();
                ConsumerRecords<K, V> records =
                        collector.collect(config.maxPollRecords(), keyDeserializer, valueDeserializer);
                // The partitions collect drained, or whose data it dropped as stale after a seek, are fetchable
                // again: send their next fetch now. Waking only when records came back left a poll after a seek
                // waiting up to the I/O thread's 1 s idle poll, since the I/O thread had skipped those partitions
                // while their stale data was still buffered.
                fetcher.wakeup();
                if (!records.isEmpty()) {
                    return records;
                }
                long now = time.milliseconds();
                long remaining = deadline - now;
                if (remaining <= 0) {
                    return ConsumerRecords.empty();
                }
                buffer.await(coordinator == null ? remaining : Math.min(remaining, coordinator.timeToNextPoll(now)));
            }
        } finally {
            release();
        }
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        if (offset < 0) {
            throw new IllegalArgumentException("seek offset must not be a negative number: " + offset);
        }
        acquireAndEnsureOpen();
        try {
            subscriptions.seek(partition, offset);
            fetcher.wakeup();
        } finally {
            release();
        }
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        reset(partitions, ConsumerConfig.OffsetReset.EARLIEST);
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        reset(partitions, ConsumerConfig.OffsetReset.LATEST);
    }

    private void reset(Collection<TopicPartition> partitions, ConsumerConfig.OffsetReset strategy) {
        acquireAndEnsureOpen();
        try {
            Collection<TopicPartition> targets = partitions.isEmpty() ? subscriptions.assignment() : partitions;
            subscriptions.requestReset(targets, strategy);
            fetcher.wakeup();
        } finally {
            release();
        }
    }

    @Override
    public long position(TopicPartition partition) {
        return position(partition, config.defaultApiTimeout());
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            if (!subscriptions.isAssigned(partition)) {
                throw new IllegalStateException(
                        "You can only check the position for partitions assigned to this consumer.");
            }
            fetcher.wakeup();
            return subscriptions.awaitPosition(
                    partition, time.milliseconds() + timeout.toMillis(), time, this::checkWakeup);
        } finally {
            release();
        }
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            subscriptions.pause(partitions);
        } finally {
            release();
        }
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        acquireAndEnsureOpen();
        try {
            subscriptions.resume(partitions);
            fetcher.wakeup();
        } finally {
            release();
        }
    }

    @Override
    public Set<TopicPartition> paused() {
        acquireAndEnsureOpen();
        try {
            return subscriptions.paused();
        } finally {
            release();
        }
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(
            Map<TopicPartition, Long> timestampsToSearch) {
        return offsetsForTimes(timestampsToSearch, config.defaultApiTimeout());
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(
            Map<TopicPartition, Long> timestampsToSearch, Duration timeout) {
        timestampsToSearch.forEach((tp, timestamp) -> {
            if (timestamp < 0) {
                throw new IllegalArgumentException("The target time for partition " + tp + " is " + timestamp
                        + ". The target time cannot be negative.");
            }
        });
        Map<TopicPartition, ListOffsetsPartitionResponse> answers = lookup(timestampsToSearch, timeout);
        Map<TopicPartition, @Nullable OffsetAndTimestamp> result = new LinkedHashMap<>();
        for (TopicPartition tp : timestampsToSearch.keySet()) {
            ListOffsetsPartitionResponse answer = answers.get(tp);
            result.put(
                    tp,
                    answer == null || answer.offset() < 0
                            ? null
                            : new OffsetAndTimestamp(
                                    answer.offset(),
                                    answer.timestamp(),
                                    answer.leaderEpoch() < 0 ? Optional.empty() : Optional.of(answer.leaderEpoch())));
        }
        return result;
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        return beginningOffsets(partitions, config.defaultApiTimeout());
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return offsets(partitions, EARLIEST, timeout);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        return endOffsets(partitions, config.defaultApiTimeout());
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return offsets(partitions, LATEST, timeout);
    }

    private Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, long spec, Duration timeout) {
        Map<TopicPartition, Long> timestamps = new HashMap<>();
        partitions.forEach(tp -> timestamps.put(tp, spec));
        Map<TopicPartition, ListOffsetsPartitionResponse> answers = lookup(timestamps, timeout);
        Map<TopicPartition, Long> offsets = new LinkedHashMap<>();
        for (TopicPartition tp : partitions) {
            ListOffsetsPartitionResponse answer = answers.get(tp);
            if (answer != null) {
                offsets.put(tp, answer.offset());
            }
        }
        return offsets;
    }

    private Map<TopicPartition, ListOffsetsPartitionResponse> lookup(
            Map<TopicPartition, Long> timestamps, Duration timeout) {
        acquireAndEnsureOpen();
        try {
            if (timestamps.isEmpty()) {
                return Map.of();
            }
            OffsetLookup lookup = new OffsetLookup(timestamps, time.milliseconds() + timeout.toMillis());
            fetcher.submit(lookup);
            return await(lookup.future(), timeout);
        } finally {
            release();
        }
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        acquireAndEnsureOpen();
        try {
            long deadline = time.milliseconds() + config.defaultApiTimeout().toMillis();
            metadata.addTopic(topic);
            while (true) {
                checkWakeup();
                List<PartitionInfo> partitions = metadata.cluster().partitionsForTopic(topic);
                if (partitions != null) {
                    return partitions;
                }
                if (metadata.cluster().topicError(topic) != null) {
                    return List.of();
                }
                int version = metadata.requestUpdate();
                fetcher.wakeup();
                metadata.awaitUpdate(
                        version, deadline, time, "Timeout expired while fetching topic metadata for " + topic);
            }
        } finally {
            release();
        }
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout) {
        try {
            CompletableFuture.anyOf(future, wakeupSignal).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new TimeoutException("the call did not complete within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            // the future's failure is rethrown below
        }
        checkWakeup();
        try {
            return future.get();
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new RunnelException(e);
        }
    }

    @Override
    public void wakeup() {
        wakeupRequested.set(true);
        wakeupSignal.complete(null);
        buffer.wakeup();
        subscriptions.notifyWaiters();
    }

    private void checkWakeup() {
        if (wakeupRequested.getAndSet(false)) {
            wakeupSignal = new CompletableFuture<>();
            throw new WakeupException();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    @Override
    public void close(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        acquire();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (coordinator != null) {
                closeGroup(coordinator, time.milliseconds() + timeout.toMillis());
            }
            fetcher.close();
            try {
                ioThread.join(Math.max(1, timeout.toMillis()));
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            } finally {
                if (ownsKeyDeserializer) {
                    keyDeserializer.close();
                }
                if (ownsValueDeserializer) {
                    valueDeserializer.close();
                }
            }
            log.info("{} Closed", logPrefix);
        } finally {
            release();
        }
    }

    /** Commits (auto-commit), revokes and leaves the group within the close timeout; failures are logged. */
    private void closeGroup(ConsumerCoordinator group, long deadlineMs) {
        try {
            group.invokeCompletedCallbacks();
            if (group.autoCommitEnabled() && !subscriptions.assignment().isEmpty()) {
                awaitQuietly(group.commit(group.consumedOffsets(), deadlineMs, true), deadlineMs, "auto-commit");
            }
            RuntimeException failure = group.onLeavePrepare();
            if (failure != null) {
                log.warn("{} A rebalance callback failed while closing: {}", logPrefix, failure.toString());
            }
            if (subscription.isAutoAssigned()) {
                awaitQuietly(group.leave("the consumer is being closed", true), deadlineMs, "leaving the group");
            }
            group.invokeCompletedCallbacks();
        } catch (RuntimeException e) {
            log.warn("{} Leaving the group on close failed", logPrefix, e);
        }
    }

    private void awaitQuietly(CompletableFuture<?> future, long deadlineMs, String what) {
        try {
            future.get(Math.max(0, deadlineMs - time.milliseconds()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("{} {} failed on close: {}", logPrefix, what, e.getCause() == null ? e : e.getCause());
        }
    }

    private void acquireAndEnsureOpen() {
        acquire();
        if (closed) {
            release();
            throw new IllegalStateException("This consumer has already been closed.");
        }
    }

    /** Kafka's light lock: refuses a second thread instead of blocking it. */
    private void acquire() {
        long threadId = Thread.currentThread().getId();
        if (threadId != currentThread.get() && !currentThread.compareAndSet(NO_THREAD, threadId)) {
            throw new ConcurrentModificationException("RunnelConsumer is not safe for multi-threaded access: thread "
                    + Thread.currentThread().getName() + " entered while thread id " + currentThread.get()
                    + " is inside");
        }
        refCount.incrementAndGet();
    }

    private void release() {
        if (refCount.decrementAndGet() == 0) {
            currentThread.set(NO_THREAD);
        }
    }
}
