package io.runnel.client.producer.internal;

import io.runnel.client.Node;
import io.runnel.client.internal.Cluster;
import io.runnel.client.producer.Callback;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.RecordBatchBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Batches records per partition until they are sent.
 *
 * <h2>How it works</h2>
 *
 * Each partition has a deque of {@link ProducerBatch}es: sending threads append to the last one (under the deque's
 * monitor) or start a new one with memory from the {@link BufferPool} (taken outside the monitor, since it may block);
 * the sender thread takes batches from the front. A partition's first batch is <em>ready</em> when it is full (or a
 * second batch exists), when it has waited {@code linger.ms} ({@code retry.backoff.ms} for a retry), or when a flush,
 * a close or a thread waiting for memory asks for everything now. {@link #drain} takes, per ready broker, at most one
 * batch per partition and up to {@code max.request.size} bytes, skipping partitions that are <em>muted</em> (with
 * idempotence, a partition has at most one batch in flight, so that a retry can never be overtaken by a later batch).
 *
 * <p>Thread-safe: deques are guarded by their own monitors; mutes and the idempotence state belong to the sender
 * thread.
 */
public final class RecordAccumulator {
    /** A record's worst-case framing in a batch: length, attributes, timestamp and offset deltas, sizes, count. */
    private static final int RECORD_OVERHEAD = 5 + 1 + 10 + 5 + 5 + 5 + 5;

    private final Settings settings;
    private final BufferPool pool;
    private final ConcurrentHashMap<TopicPartition, Deque<ProducerBatch>> batches = new ConcurrentHashMap<>();
    private final Set<ProducerBatch> incomplete = ConcurrentHashMap.newKeySet();
    private final AtomicInteger flushesInProgress = new AtomicInteger();
    private final AtomicInteger appendsInProgress = new AtomicInteger();
    /** Sender thread only. */
    private final Set<TopicPartition> muted = new HashSet<>();

    private volatile boolean closed;

    /**
     * What the accumulator needs from the producer's config.
     *
     * @param batchSize {@code batch.size}
     * @param lingerMs {@code linger.ms}
     * @param retryBackoffMs {@code retry.backoff.ms}
     * @param deliveryTimeoutMs {@code delivery.timeout.ms}
     * @param compression {@code compression.type}
     * @param compressionLevel the codec's level
     */
    public record Settings(
            int batchSize,
            long lingerMs,
            long retryBackoffMs,
            long deliveryTimeoutMs,
            CompressionType compression,
            int compressionLevel) {}

    /**
     * The outcome of an append.
     *
     * @param future the record's future
     * @param batchIsFull whether the partition now has a full batch (the sender should wake up)
     * @param newBatchCreated whether the record started a new batch
     */
    public record AppendResult(
            CompletableFuture<RecordMetadata> future, boolean batchIsFull, boolean newBatchCreated) {}

    /**
     * Which brokers have batches ready.
     *
     * @param readyNodes leaders with a ready batch
     * @param nextReadyCheckDelayMs when a batch not ready yet will be
     * @param unknownLeaderTopics topics with batches whose leader is not known (metadata should be refreshed)
     */
    public record ReadyCheckResult(Set<Node> readyNodes, long nextReadyCheckDelayMs, Set<String> unknownLeaderTopics) {}

    public RecordAccumulator(Settings settings, BufferPool pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** The worst-case size of a record in a batch, for fitting and for {@code max.request.size} checks. */
    public static int estimateRecordSize(byte @Nullable [] key, byte @Nullable [] value, Header[] headers) {
        int size = RECORD_OVERHEAD + (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
        for (Header header : headers) {
            byte[] headerValue = header.value();
            size += 10 + header.key().length() * 3 + (headerValue == null ? 0 : headerValue.length);
        }
        return size;
    }

    /**
     * Appends a record to its partition's last batch, or to a new batch whose memory may take up to {@code
     * maxBlockMs} to free up.
     *
     * @throws TimeoutException if memory does not free up in time
     * @throws InterruptException if the thread is interrupted while waiting
     * @throws IllegalStateException if the producer is closed
     */
    public AppendResult append(
            TopicPartition tp,
            long timestamp,
            byte @Nullable [] key,
            byte @Nullable [] value,
            Header[] headers,
            @Nullable Callback callback,
            long maxBlockMs,
            long nowMs) {
        appendsInProgress.incrementAndGet();
        try {
            int estimate = estimateRecordSize(key, value, headers);
            Deque<ProducerBatch> deque = batches.computeIfAbsent(tp, p -> new ArrayDeque<>());
            synchronized (deque) {
                checkOpen();
                AppendResult result = tryAppend(deque, timestamp, key, value, headers, callback, estimate);
                if (result != null) {
                    return result;
                }
            }
            int size = Math.max(settings.batchSize(), estimate + RECORD_OVERHEAD + 61);
            RecordBatchBuilder builder = pool.allocate(size, maxBlockMs);
            synchronized (deque) {
                try {
                    checkOpen();
                } catch (IllegalStateException e) {
                    pool.deallocate(builder, size);
                    throw e;
                }
                AppendResult result = tryAppend(deque, timestamp, key, value, headers, callback, estimate);
                if (result != null) {
                    pool.deallocate(builder, size);
                    return result;
                }
                ProducerBatch batch = new ProducerBatch(
                        tp, builder, size, settings.compression(), settings.compressionLevel(), nowMs);
                CompletableFuture<RecordMetadata> future =
                        batch.tryAppend(timestamp, key, value, headers, callback, estimate);
                if (future == null) {
                    throw new IllegalStateException("a new batch refused its first record");
                }
                deque.addLast(batch);
                incomplete.add(batch);
                return new AppendResult(future, deque.size() > 1 || batch.isFull(), true);
            }
        } finally {
            appendsInProgress.decrementAndGet();
        }
    }

    private static @Nullable AppendResult tryAppend(
            Deque<ProducerBatch> deque,
            long timestamp,
            byte @Nullable [] key,
            byte @Nullable [] value,
            Header[] headers,
            @Nullable Callback callback,
            int estimate) {
        ProducerBatch last = deque.peekLast();
        if (last == null || last.isClosed()) {
            return null;
        }
        CompletableFuture<RecordMetadata> future = last.tryAppend(timestamp, key, value, headers, callback, estimate);
        if (future == null) {
            return null;
        }
        return new AppendResult(future, deque.size() > 1 || last.isFull(), false);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("Cannot send records after the producer has been closed");
        }
    }

    /** Which leaders have a ready batch; sender thread. */
    public ReadyCheckResult ready(Cluster cluster, long nowMs) {
        Set<Node> ready = new HashSet<>();
        Set<String> unknown = new HashSet<>();
        long nextDelay = Long.MAX_VALUE;
        boolean sendNow = closed || flushesInProgress.get() > 0 || pool.hasWaiters();
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> entry : batches.entrySet()) {
            Deque<ProducerBatch> deque = entry.getValue();
            synchronized (deque) {
                ProducerBatch first = deque.peekFirst();
                if (first == null || muted.contains(entry.getKey())) {
                    continue;
                }
                Node leader = cluster.leaderFor(entry.getKey());
                if (leader == null) {
                    unknown.add(entry.getKey().topic());
                    continue;
                }
                long waited = nowMs - (first.retry ? first.lastAttemptMs : first.createdMs);
                long wait = first.retry ? settings.retryBackoffMs() : settings.lingerMs();
                boolean full = deque.size() > 1 || first.isFull();
                if (full || waited >= wait || sendNow) {
                    if (!first.retry || waited >= settings.retryBackoffMs()) {
                        ready.add(leader);
                    } else {
                        nextDelay = Math.min(nextDelay, wait - waited);
                    }
                } else {
                    nextDelay = Math.min(nextDelay, wait - waited);
                }
            }
        }
        return new ReadyCheckResult(ready, nextDelay, unknown);
    }

    /**
     * Takes the batches to send to each ready node: at most one per partition, up to {@code maxRequestSize} bytes per
     * node. Closes them (builds their bytes) and, with {@code idempotence}, gives each new batch its sequence and
     * mutes its partition. Sender thread.
     */
    public Map<Node, List<ProducerBatch>> drain(
            Cluster cluster, Set<Node> nodes, int maxRequestSize, @Nullable IdempotenceState idempotence, long nowMs) {
        Map<Node, List<ProducerBatch>> drained = new HashMap<>();
        for (Map.Entry<TopicPartition, Deque<ProducerBatch>> entry : batches.entrySet()) {
            TopicPartition tp = entry.getKey();
            Node leader = cluster.leaderFor(tp);
            if (leader == null || !nodes.contains(leader) || muted.contains(tp)) {
                continue;
            }
            List<ProducerBatch> forNode = drained.computeIfAbsent(leader, n -> new ArrayList<>());
            int size = 0;
            for (ProducerBatch batch : forNode) {
                size += batch.sizeInBytes();
            }
            Deque<ProducerBatch> deque = entry.getValue();
            synchronized (deque) {
                ProducerBatch first = deque.peekFirst();
                if (first == null || (first.retry && nowMs - first.lastAttemptMs < settings.retryBackoffMs())) {
                    continue;
                }
                first.close();
                if (!forNode.isEmpty() && size + first.sizeInBytes() > maxRequestSize) {
                    continue;
                }
                deque.pollFirst();
                if (idempotence != null) {
                    if (first.baseSequence < 0 || first.producerId != idempotence.producerId()) {
                        first.setProducerState(
                                idempotence.producerId(),
                                idempotence.epoch(),
                                idempotence.assign(tp, first.recordCount()));
                    }
                    muted.add(tp);
                }
                first.attempts++;
                first.lastAttemptMs = nowMs;
                forNode.add(first);
            }
        }
        drained.values().removeIf(List::isEmpty);
        return drained;
    }

    /** Puts a batch that failed retriably back at the front of its partition, to be retried after the backoff. */
    public void reenqueue(ProducerBatch batch, long nowMs) {
        batch.retry = true;
        batch.lastAttemptMs = nowMs;
        Deque<ProducerBatch> deque = batches.computeIfAbsent(batch.topicPartition, p -> new ArrayDeque<>());
        synchronized (deque) {
            deque.addFirst(batch);
        }
    }

    /** Lets the partition's next batch be drained; sender thread. */
    public void unmute(TopicPartition tp) {
        muted.remove(tp);
    }

    /** Removes and returns the queued batches older than {@code delivery.timeout.ms}. Sender thread. */
    public List<ProducerBatch> expiredBatches(long nowMs) {
        List<ProducerBatch> expired = new ArrayList<>();
        for (Deque<ProducerBatch> deque : batches.values()) {
            synchronized (deque) {
                Iterator<ProducerBatch> it = deque.iterator();
                while (it.hasNext()) {
                    ProducerBatch batch = it.next();
                    if (nowMs - batch.createdMs >= settings.deliveryTimeoutMs()) {
                        batch.close();
                        it.remove();
                        expired.add(batch);
                    }
                }
            }
        }
        return expired;
    }

    /** Releases a done batch's memory. */
    public void deallocate(ProducerBatch batch) {
        incomplete.remove(batch);
        pool.deallocate(batch.builder, batch.reservedBytes);
    }

    /** Makes every batch ready now, until {@link #awaitFlushCompletion} returns. */
    public void beginFlush() {
        flushesInProgress.incrementAndGet();
    }

    /**
     * Waits for every batch incomplete now to complete.
     *
     * @throws InterruptException if the thread is interrupted
     */
    public void awaitFlushCompletion() {
        try {
            for (ProducerBatch batch : List.copyOf(incomplete)) {
                batch.awaitDone();
            }
        } finally {
            flushesInProgress.decrementAndGet();
        }
    }

    /** Whether batches are queued and not yet sent. */
    public boolean hasUndrained() {
        for (Deque<ProducerBatch> deque : batches.values()) {
            synchronized (deque) {
                if (!deque.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether any batch is not complete yet (queued or in flight), or an append is under way. */
    public boolean hasIncomplete() {
        return !incomplete.isEmpty() || appendsInProgress.get() > 0;
    }

    /** Refuses new appends; wakes threads waiting for memory. */
    public void close() {
        closed = true;
        pool.close();
    }

    /** Fails every incomplete batch (a forced close); sender thread, after the network is closed. */
    public void abortIncompleteBatches(RuntimeException error) {
        do {
            for (Deque<ProducerBatch> deque : batches.values()) {
                synchronized (deque) {
                    deque.clear();
                }
            }
            for (ProducerBatch batch : List.copyOf(incomplete)) {
                batch.fail(error);
                deallocate(batch);
            }
            Thread.onSpinWait();
        } while (appendsInProgress.get() > 0);
    }
}
