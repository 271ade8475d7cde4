package io.runnel.bench.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.server.storage.log.FetchIsolation;
import org.apache.kafka.server.util.KafkaScheduler;
import org.apache.kafka.storage.internals.log.FetchDataInfo;
import org.apache.kafka.storage.internals.log.LogConfig;
import org.apache.kafka.storage.internals.log.LogDirFailureChannel;
import org.apache.kafka.storage.internals.log.ProducerStateManagerConfig;
import org.apache.kafka.storage.internals.log.UnifiedLog;
import org.apache.kafka.storage.log.metrics.BrokerTopicStats;

/**
 * Apache Kafka 4.4's partition log, {@code UnifiedLog} from kafka-storage, created the way Kafka's own JMH
 * benchmarks and {@code LogManager} create it: a one-thread {@code KafkaScheduler}, broker topic stats, producer
 * state manager defaults (1 hour producer id expiry), no remote storage. {@link #append} is {@code appendAsLeader}
 * (which runs {@code LogValidator}: CRC, records, offset assignment); {@link #read} is {@code read} with the
 * {@code LOG_END} isolation, then {@code FileRecords.readInto}.
 */
final class KafkaPartitionLog implements PartitionLog {
    private static final int LEADER_EPOCH = 0;
    private static final int MAX_TRANSACTION_TIMEOUT_MS = 15 * 60 * 1000;
    private static final int PRODUCER_ID_EXPIRATION_MS = 60 * 60 * 1000;
    private static final int PRODUCER_ID_EXPIRATION_CHECK_MS = 10 * 60 * 1000;

    private final ScratchDirectory directory;
    private final KafkaScheduler scheduler;
    private final BrokerTopicStats topicStats;
    private final UnifiedLog log;

    private KafkaPartitionLog(
            ScratchDirectory directory, KafkaScheduler scheduler, BrokerTopicStats topicStats, UnifiedLog log) {
        this.directory = directory;
        this.scheduler = scheduler;
        this.topicStats = topicStats;
        this.log = log;
    }

    /** A new, empty log in a new directory {@code <parent>/<unique>/bench-0} with the given segment size. */
    static KafkaPartitionLog create(Path parent, int segmentBytes) throws IOException {
        ScratchDirectory directory = ScratchDirectory.create(parent, "kafka");
        KafkaScheduler scheduler = new KafkaScheduler(1, true, "kafka-log-scheduler-");
        scheduler.startup();
        BrokerTopicStats topicStats = new BrokerTopicStats(false);
        try {
            LogConfig config = new LogConfig(Map.of(
                    "segment.bytes", Integer.toString(segmentBytes),
                    "retention.ms", "-1",
                    "retention.bytes", "-1"));
            UnifiedLog log = UnifiedLog.create(
                    directory.partitionDir().toFile(),
                    config,
                    0L,
                    0L,
                    scheduler,
                    topicStats,
                    Time.SYSTEM,
                    MAX_TRANSACTION_TIMEOUT_MS,
                    new ProducerStateManagerConfig(PRODUCER_ID_EXPIRATION_MS, false),
                    PRODUCER_ID_EXPIRATION_CHECK_MS,
                    new LogDirFailureChannel(10),
                    true,
                    Optional.empty());
            return new KafkaPartitionLog(directory, scheduler, topicStats, log);
        } catch (IOException | RuntimeException e) {
            shutdown(scheduler);
            topicStats.close();
            directory.close();
            throw e;
        }
    }

    @Override
    public long append(ByteBuffer batches) throws IOException {
        return log.appendAsLeader(MemoryRecords.readableRecords(batches.duplicate()), LEADER_EPOCH)
                .firstOffset();
    }

    @Override
    public int read(long offset, int maxBytes, ByteBuffer destination) throws IOException {
        FetchDataInfo fetched = log.read(offset, maxBytes, FetchIsolation.LOG_END, true);
        FileRecords records = (FileRecords) fetched.records;
        int size = records.sizeInBytes();
        destination.clear().limit(size);
        records.readInto(destination, 0);
        return size;
    }

    @Override
    public int positionOf(long offset) throws IOException {
        return log.read(offset, 1, FetchIsolation.LOG_END, true).fetchOffsetMetadata.relativePositionInSegment;
    }

    @Override
    public void flush() {
        log.flush(true);
    }

    @Override
    public long logEndOffset() {
        return log.logEndOffset();
    }

    @Override
    public long sizeInBytes() {
        return log.size();
    }

    /** Closes the log, its metrics and scheduler, then deletes its files. */
    @Override
    public void close() throws IOException {
        try {
            log.removeLogMetrics();
            log.close();
        } finally {
            shutdown(scheduler);
            topicStats.close();
            directory.close();
        }
    }

    private static void shutdown(KafkaScheduler scheduler) {
        try {
            scheduler.shutdown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
