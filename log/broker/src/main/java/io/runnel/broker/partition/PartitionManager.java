package io.runnel.broker.partition;

import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.broker.purgatory.DelayedOperation;
import io.runnel.broker.purgatory.DelayedOperationPurgatory;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.NotEnoughReplicasException;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.records.RecordBatch;
import io.runnel.storage.FetchData;
import io.runnel.storage.Log;
import io.runnel.storage.LogAppendInfo;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManager;
import io.runnel.storage.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partitions this broker hosts, and the operations the request handlers run on them: append, fetch (with
 * {@code fetch.min.bytes} / {@code fetch.max.wait.ms} long-polls waiting in a purgatory), ListOffsets and
 * DeleteRecords. Kafka's {@code ReplicaManager}, for a single replica per partition: the high watermark is the log
 * end offset until replication exists.
 *
 * <p>Follows cluster metadata as a {@link MetadataStore.Listener}: a topic with a replica here gets a log (with the
 * topic's config overrides); a deleted topic's logs are deleted and fetches waiting on them are answered.
 *
 * <p>Thread-safe. Owns the fetch purgatory (and its reaper thread); {@link #close()} answers every waiting fetch.
 * Never blocks a caller on a wait: a delayed fetch answers through its callback, on the thread that completes it
 * (an appender or the reaper).
 */
public final class PartitionManager implements MetadataStore.Listener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionManager.class);
    private static final long PURGATORY_TICK_MS = 5;

    /**
     * The in-sync replicas of every hosted partition: until replication exists, the leader alone. An {@code acks=all}
     * write to a topic with {@code min.insync.replicas} above this is refused, as Kafka refuses it when followers
     * fall out of sync.
     */
    private static final int IN_SYNC_REPLICAS = 1;

    private final int brokerId;
    private final LogManager logs;
    private final Time time;
    private final DelayedOperationPurgatory<TopicPartition> fetchPurgatory;

    public PartitionManager(int brokerId, LogManager logs, Time time) {
        this(brokerId, logs, time, true);
    }

    /** @param startReaper false in tests that step {@link #expireFetches()} with a manual clock */
    PartitionManager(int brokerId, LogManager logs, Time time, boolean startReaper) {
        this.brokerId = brokerId;
        this.logs = logs;
        this.time = time;
        this.fetchPurgatory = new DelayedOperationPurgatory<>("fetch", time, PURGATORY_TICK_MS, startReaper);
    }

    /**
     * The config of {@code topic}'s logs: the broker's defaults merged with the topic's overrides. Overrides are
     * validated before they are stored, so an invalid set can only come from outside the broker (an edited ZooKeeper
     * node); the defaults are used then, and the error logged.
     */
    public static LogConfig logConfig(LogConfig defaults, TopicMetadata topic) {
        try {
            return defaults.with(topic.configs());
        } catch (RunnelException e) {
            log.error("Topic {} has invalid configs {}; using the broker defaults", topic.name(), topic.configs(), e);
            return defaults;
        }
    }

    /**
     * Creates the logs of {@code topic}'s partitions hosted here and applies the topic's config to them (see {@link
     * Log#updateConfig} for when each setting takes effect). Called by metadata watches, at start, and by the config
     * handlers right after they store a change, so that the change is live when the request is answered.
     */
    @Override
    public void topicChanged(TopicMetadata topic) {
        LogConfig config = logConfig(logs.defaultLogConfig(), topic);
        for (var entry : topic.replicas().entrySet()) {
            if (!entry.getValue().contains(brokerId)) {
                continue;
            }
            TopicPartition tp = new TopicPartition(topic.name(), entry.getKey());
            Log partitionLog = logs.getOrCreateLog(tp, config);
            partitionLog.updateConfig(config);
        }
    }

    @Override
    public void topicDeleted(String name) {
        for (Log partitionLog : logs.logs()) {
            TopicPartition tp = partitionLog.topicPartition();
            if (tp.topic().equals(name)) {
                logs.deleteLog(tp);
                fetchPurgatory.checkAndComplete(tp);
            }
        }
    }

    /**
     * Appends a producer's batches to a hosted partition and wakes the fetches waiting on it.
     *
     * @param requiredAcks the producer's {@code acks}: for -1 (all), the partition must have at least the topic's
     *     {@code min.insync.replicas} in sync, or nothing is appended
     * @throws UnknownTopicOrPartitionException if the partition is not hosted here
     * @throws NotEnoughReplicasException if {@code acks=all} and too few replicas are in sync
     */
    public LogAppendInfo append(TopicPartition tp, ByteBuffer batches, int leaderEpoch, short requiredAcks) {
        Log partitionLog = hostedLog(tp);
        if (requiredAcks == -1) {
            int minInSync = partitionLog.config().minInSyncReplicas();
            if (IN_SYNC_REPLICAS < minInSync) {
                throw new NotEnoughReplicasException("partition " + tp + " has " + IN_SYNC_REPLICAS
                        + " in-sync replica(s), fewer than min.insync.replicas=" + minInSync);
            }
        }
        LogAppendInfo info = partitionLog.appendAsLeader(batches, leaderEpoch);
        fetchPurgatory.checkAndComplete(tp);
        return info;
    }

    /**
     * Reads the partitions of {@code spec} and calls {@code callback} with the results, at once if {@code
     * minBytes} are available (or no wait is allowed), otherwise when enough data arrives or {@code maxWaitMs}
     * passes. Errors of one partition (unknown, out of range) are reported in its result and do not hold others.
     */
    public void fetch(FetchSpec spec, Consumer<List<FetchResult>> callback) {
        DelayedFetch fetch = new DelayedFetch(time.milliseconds() + spec.maxWaitMs(), spec, callback);
        if (spec.maxWaitMs() == 0 || spec.minBytes() <= 0 || spec.partitions().isEmpty()) {
            fetch.forceComplete();
            return;
        }
        List<TopicPartition> keys = new ArrayList<>();
        for (FetchPartition partition : spec.partitions()) {
            keys.add(partition.topicPartition());
        }
        fetchPurgatory.tryCompleteElseWatch(fetch, keys);
    }

    /** Expires due fetches now; for tests stepping a manual clock. */
    int expireFetches() {
        return fetchPurgatory.runOnce();
    }

    /** Fetches waiting on {@code tp}. */
    public int waitingFetches(TopicPartition tp) {
        return fetchPurgatory.watched(tp);
    }

    /**
     * ListOffsets for one partition.
     *
     * @param timestamp {@link Log#EARLIEST_TIMESTAMP}, {@link Log#LATEST_TIMESTAMP}, {@link Log#MAX_TIMESTAMP} or a
     *     time in milliseconds
     * @throws UnknownTopicOrPartitionException if the partition is not hosted here
     */
    public Optional<TimestampOffset> listOffset(TopicPartition tp, long timestamp) {
        return hostedLog(tp).fetchOffsetByTimestamp(timestamp);
    }

    /**
     * DeleteRecords for one partition: advances the log start offset to {@code offset}, or to the high watermark
     * when {@code offset} is -1, as Kafka does.
     *
     * @return the new log start offset
     * @throws OffsetOutOfRangeException if {@code offset} is past the high watermark
     */
    public long deleteRecords(TopicPartition tp, long offset) {
        Log partitionLog = hostedLog(tp);
        long target = offset == -1L ? partitionLog.logEndOffset() : offset;
        if (target < 0) {
            throw new OffsetOutOfRangeException("cannot delete records before offset " + offset + " in " + tp);
        }
        return partitionLog.deleteRecordsBefore(target);
    }

    private Log hostedLog(TopicPartition tp) {
        return logs.log(tp)
                .orElseThrow(() -> new UnknownTopicOrPartitionException(
                        "partition " + tp + " is not hosted on broker " + brokerId));
    }

    private List<FetchResult> readAll(FetchSpec spec) {
        List<FetchResult> results = new ArrayList<>(spec.partitions().size());
        long remaining = spec.maxBytes();
        boolean anyRecords = false;
        for (FetchPartition partition : spec.partitions()) {
            TopicPartition tp = partition.topicPartition();
            try {
                Log partitionLog = hostedLog(tp);
                long highWatermark = partitionLog.logEndOffset();
                int limit = (int) Math.max(0, Math.min(partition.maxBytes(), remaining));
                FetchData data = partitionLog.read(
                        partition.fetchOffset(),
                        limit,
                        spec.fromFollower() ? Long.MAX_VALUE : highWatermark,
                        !anyRecords);
                results.add(new FetchResult(tp, data.records(), null, highWatermark, data.logStartOffset()));
                remaining -= data.records().sizeInBytes();
                anyRecords |= data.records().sizeInBytes() > 0;
            } catch (RunnelException e) {
                results.add(FetchResult.failed(tp, e));
            }
        }
        return results;
    }

    /**
     * A fetch waiting for {@code minBytes}. Completes when enough bytes are readable across its partitions, when a
     * partition errors (unknown, out of range), or at its deadline.
     */
    private final class DelayedFetch extends DelayedOperation {
        private final FetchSpec spec;
        private final Consumer<List<FetchResult>> callback;

        DelayedFetch(long deadlineMs, FetchSpec spec, Consumer<List<FetchResult>> callback) {
            super(deadlineMs);
            this.spec = spec;
            this.callback = callback;
        }

        @Override
        public boolean tryComplete() {
            try {
                return enoughData();
            } catch (RunnelException e) {
                // The log changed under the check (deleted, truncated): answer now; the read reports the error.
                return forceComplete();
            }
        }

        /**
         * Whether the fetch can be answered now. Without reading first: a partition with records past its fetch
         * offset holds at least one batch header's worth, which for Kafka's default {@code fetch.min.bytes} of 1 is
         * enough, so the usual fetch reads each log once (in {@link #onComplete()}), not twice.
         */
        private boolean enoughData() {
            long lowerBound = 0;
            for (FetchPartition partition : spec.partitions()) {
                Optional<Log> partitionLog = logs.log(partition.topicPartition());
                if (partitionLog.isEmpty()) {
                    return forceComplete();
                }
                Log l = partitionLog.get();
                long end = l.logEndOffset();
                if (partition.fetchOffset() > end || partition.fetchOffset() < l.logStartOffset()) {
                    return forceComplete();
                }
                if (partition.fetchOffset() < end) {
                    lowerBound += RecordBatch.HEADER_SIZE;
                }
            }
            if (lowerBound == 0) {
                return false;
            }
            if (lowerBound >= spec.minBytes()) {
                return forceComplete();
            }
            long available = 0;
            for (FetchPartition partition : spec.partitions()) {
                Log l = hostedLog(partition.topicPartition());
                long end = l.logEndOffset();
                if (partition.fetchOffset() < end) {
                    available += l.read(partition.fetchOffset(), partition.maxBytes(), end, true)
                            .records()
                            .sizeInBytes();
                }
                if (available >= spec.minBytes()) {
                    return forceComplete();
                }
            }
            return false;
        }

        @Override
        protected void onComplete() {
            List<FetchResult> results = readAll(spec);
            try {
                callback.accept(results);
            } catch (RuntimeException e) {
                log.error("Fetch callback failed", e);
            }
        }
    }

    /** Answers every waiting fetch and stops the purgatory's reaper. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        fetchPurgatory.close();
    }
}
