package io.runnel.client.consumer;

import io.runnel.client.PartitionInfo;
import io.runnel.client.consumer.internal.CompletedFetchCollector;
import io.runnel.client.consumer.internal.ConsumerFetcher;
import io.runnel.client.consumer.internal.FetchBuffer;
import io.runnel.client.consumer.internal.OffsetLookup;
import io.runnel.client.consumer.internal.SubscriptionState;
import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.NetworkClient;
import io.runnel.client.internal.Plugins;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runnel's consumer, as Kafka's {@code KafkaConsumer} with manual assignment. An I/O thread ({@code
 * runnel-consumer-<client.id>}, the {@link ConsumerFetcher}) keeps a fetch in flight for every assigned partition
 * whose previous data the application has taken, so the next records arrive while the application processes the
 * last ones; {@link #poll} deserializes on the calling thread.
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
        this.logPrefix = "[Consumer clientId=" + config.network().clientId() + "]";
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
        this.subscriptions = new SubscriptionState(config.autoOffsetReset());
        this.buffer = new FetchBuffer();
        this.collector = new CompletedFetchCollector(subscriptions, buffer);
        this.metadata = new Metadata(config.network());
        NetworkClient network = new NetworkClient(config.network(), time, logPrefix);
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
            }
            subscriptions.assign(partitions);
            Set<TopicPartition> assigned = subscriptions.assignment();
            buffer.removeIf(fetch -> !assigned.contains(collector.partitionOf(fetch)));
            fetcher.wakeup();
        } finally {
            release();
        }
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
            if (subscriptions.assignment().isEmpty()) {
                throw new IllegalStateException("Consumer is not assigned to any partitions");
            }
            long deadline = time.milliseconds() + Math.min(timeout.toMillis(), TimeUnit.DAYS.toMillis(365));
            fetcher.wakeup();
            while (true) {
                checkWakeup();
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
                long remaining = deadline - time.milliseconds();
                if (remaining <= 0) {
                    return ConsumerRecords.empty();
                }
                buffer.await(remaining);
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
