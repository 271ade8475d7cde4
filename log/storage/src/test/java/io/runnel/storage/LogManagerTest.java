package io.runnel.storage;

import static io.runnel.storage.TestBatches.batch;
import static io.runnel.storage.TestBatches.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.StorageException;
import io.runnel.records.CompressionType;
import io.runnel.records.FileRecords;
import io.runnel.records.Record;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LogManagerTest {
    private static final TopicPartition TP = new TopicPartition("orders", 0);
    private static final LogConfig SMALL = LogConfig.fromMap(Map.of("segment.bytes", 2048));

    @TempDir
    Path root;

    final MockTime time = new MockTime(1_700_000_000_000L);

    LogManager start(Path... dirs) {
        return LogManager.start(LogManagerConfig.forDirs(List.of(dirs), LogConfig.defaults()), time);
    }

    @Test
    void shouldSkipRecoveryWhenRestartedAfterCleanShutdown() {
        Path dir = root.resolve("d1");
        try (LogManager manager = start(dir)) {
            Log log = manager.getOrCreateLog(TP, SMALL);
            for (int i = 0; i < 40; i++) {
                log.appendAsLeader(batch(5, time.milliseconds(), CompressionType.ZSTD), 0);
            }
        }
        assertThat(dir.resolve(LogManager.CLEAN_SHUTDOWN_MARKER)).exists();
        assertThat(new OffsetCheckpointFile(dir.resolve(LogManager.RECOVERY_POINT_CHECKPOINT)).read())
                .containsEntry(TP, 200L);

        try (LogManager manager = start(dir)) {
            Log log = manager.log(TP).orElseThrow();

            assertThat(log.segmentsRecoveredOnOpen()).isZero();
            assertThat(log.logEndOffset()).isEqualTo(200);
            assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(LogTest.range(0, 200));
            assertThat(dir.resolve(LogManager.CLEAN_SHUTDOWN_MARKER)).doesNotExist();
        }
    }

    @Test
    void shouldOpenExistingLogsWithTheirTopicConfigWhenRestarted() {
        Path dir = root.resolve("configs");
        TopicPartition other = new TopicPartition("clicks", 0);
        try (LogManager manager = start(dir)) {
            manager.getOrCreateLog(TP, SMALL);
            manager.getOrCreateLog(other, SMALL);
        }
        LogConfig compacted = LogConfig.fromMap(Map.of("cleanup.policy", "compact", "retention.ms", -1));

        try (LogManager manager = LogManager.start(
                LogManagerConfig.forDirs(List.of(dir), LogConfig.defaults()),
                time,
                io.runnel.records.FileRecords.ChannelOpener.DEFAULT,
                tp -> tp.equals(TP) ? compacted : LogConfig.defaults())) {

            assertThat(manager.log(TP).orElseThrow().config()).isEqualTo(compacted);
            assertThat(manager.log(other).orElseThrow().config()).isEqualTo(LogConfig.defaults());
        }
    }

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenTheWriterIsKilled() throws Exception {
        Path dir = root.resolve("crash");
        long lastAcknowledged = -1;
        try (ChildProcess writer = ChildProcess.start(ChildProcess.Writer.class, dir.toString())) {
            for (int acks = 0; acks < 300; acks++) {
                String line = writer.readLine();
                assertThat(line).as("writer output").isNotNull().startsWith("ACK ");
                lastAcknowledged = Long.parseLong(line.substring(4));
            }
            writer.kill();
        }

        try (LogManager manager = start(dir)) {
            Log log = manager.log(new TopicPartition("events", 0)).orElseThrow();

            assertThat(log.segmentsRecoveredOnOpen()).isPositive();
            assertThat(log.logEndOffset()).isGreaterThan(lastAcknowledged);
            List<Record> records = readAll(log, 0);
            assertThat(records).hasSizeGreaterThan((int) lastAcknowledged);
            for (int i = 0; i < records.size(); i++) {
                assertThat(records.get(i).offset()).isEqualTo(i);
            }
        }
    }

    @Test
    void shouldRefuseDirectoryWhenAnotherProcessHoldsIt() throws Exception {
        Path dir = root.resolve("shared");
        try (ChildProcess holder = ChildProcess.start(ChildProcess.LockHolder.class, dir.toString())) {
            assertThat(holder.readLine()).startsWith("LOCKED");

            assertThatThrownBy(() -> start(dir))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("in use by another process");

            holder.kill();
        }
        try (LogManager manager = start(dir)) {
            assertThat(manager.logs()).isEmpty();
        }
    }

    @Test
    void shouldRefuseDirectoryWhenAlreadyOpenInThisProcess() {
        Path dir = root.resolve("twice");
        try (LogManager first = start(dir)) {
            assertThatThrownBy(() -> start(root.resolve("other"), dir))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toString());
            // The failed start released what it locked: "other" is free again.
            try (LogManager other = start(root.resolve("other"))) {
                assertThat(other.logs()).isEmpty();
            }
        }
    }

    @Test
    void shouldKeepLocksItWasGivenWhenClosed() {
        Path dir = root.resolve("given");
        LogManagerConfig config = LogManagerConfig.forDirs(List.of(dir), LogConfig.defaults());
        try (LogDirectoryLocks locks = LogDirectoryLocks.acquire(List.of(dir))) {
            LogManager manager = LogManager.start(
                    config, time, FileRecords.ChannelOpener.DEFAULT, tp -> LogConfig.defaults(), locks);

            manager.close();

            assertThatThrownBy(() -> start(dir))
                    .as("the caller still holds the directory")
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("in use");
        }
        try (LogManager manager = start(dir)) {
            assertThat(manager.logs()).isEmpty();
        }
    }

    @Test
    void shouldRefuseLocksWhenTheyAreOfOtherDirectories() {
        LogManagerConfig config = LogManagerConfig.forDirs(List.of(root.resolve("wanted")), LogConfig.defaults());
        try (LogDirectoryLocks locks = LogDirectoryLocks.acquire(List.of(root.resolve("other")))) {
            assertThatThrownBy(() -> LogManager.start(
                            config, time, FileRecords.ChannelOpener.DEFAULT, tp -> LogConfig.defaults(), locks))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not of log.dirs");
        }
    }

    @Test
    void shouldNameUlimitWhenStartingHitsTheOpenFilesLimit() {
        Path dir = root.resolve("emfile");
        try (LogManager manager = start(dir)) {
            manager.getOrCreateLog(TP, SMALL);
        }
        FileRecords.ChannelOpener exhausted = file -> {
            throw new java.nio.file.FileSystemException(file.toString(), null, "Too many open files");
        };

        assertThatThrownBy(() ->
                        LogManager.start(LogManagerConfig.forDirs(List.of(dir), LogConfig.defaults()), time, exhausted))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("Too many open files")
                .hasMessageEndingWith("; " + OpenFilesLimit.ADVICE);
        assertThat(OpenFilesLimit.ADVICE).contains("raise it with `ulimit -n`");
    }

    @Test
    void shouldLeaveNoDirectoryWhenANewLogCannotBeOpened() throws Exception {
        Path dir = root.resolve("half");
        FileRecords.ChannelOpener exhausted = file -> {
            throw new java.nio.file.FileSystemException(file.toString(), null, "Too many open files");
        };
        try (LogManager manager =
                LogManager.start(LogManagerConfig.forDirs(List.of(dir), LogConfig.defaults()), time, exhausted)) {

            assertThatThrownBy(() -> manager.getOrCreateLog(TP, SMALL)).isInstanceOf(StorageException.class);

            assertThat(dir.resolve(TP.toString())).doesNotExist();
            assertThat(manager.log(TP)).isEmpty();
        }
    }

    @Test
    void shouldSpreadLogsOverDirectories() {
        try (LogManager manager = start(root.resolve("a"), root.resolve("b"))) {
            for (int p = 0; p < 4; p++) {
                manager.getOrCreateLog(new TopicPartition("t", p), SMALL);
            }

            assertThat(manager.logs())
                    .filteredOn(l -> l.dir().getParent().equals(root.resolve("a")))
                    .hasSize(2);
            assertThat(manager.logs())
                    .filteredOn(l -> l.dir().getParent().equals(root.resolve("b")))
                    .hasSize(2);
        }
    }

    @Test
    void shouldRemoveTheLogWhenDeleted() throws Exception {
        Path dir = root.resolve("del");
        try (LogManager manager = start(dir)) {
            Log log = manager.getOrCreateLog(TP, LogConfig.fromMap(Map.of("file.delete.delay.ms", 0)));
            log.appendAsLeader(batch(3, time.milliseconds(), CompressionType.NONE), 0);

            assertThat(manager.deleteLog(TP)).isTrue();

            assertThat(manager.log(TP)).isEmpty();
            assertThat(dir.resolve(TP.toString())).doesNotExist();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> {
                        try (var children = Files.list(dir)) {
                            return children.noneMatch(Files::isDirectory);
                        }
                    });
        }
        try (LogManager manager = start(dir)) {
            assertThat(manager.log(TP)).isEmpty();
        }
    }

    @Test
    void shouldFlushLogsWhoseDataWaitedLongerThanFlushMs() {
        try (LogManager manager = start(root.resolve("f"))) {
            Log eager = manager.getOrCreateLog(TP, LogConfig.fromMap(Map.of("flush.ms", 1000)));
            Log lazy = manager.getOrCreateLog(new TopicPartition("lazy", 0), LogConfig.defaults());
            eager.appendAsLeader(batch(4, time.milliseconds(), CompressionType.NONE), 0);
            lazy.appendAsLeader(batch(4, time.milliseconds(), CompressionType.NONE), 0);
            time.sleep(1500);

            manager.flushDirtyLogs();

            assertThat(eager.recoveryPoint()).isEqualTo(4);
            assertThat(lazy.recoveryPoint()).isZero();
        }
    }

    @Test
    void shouldCompactCompactedTopicsWithItsCleanerThread() {
        LogManagerConfig config = LogManagerConfig.fromMap(
                Map.of("log.dirs", root.resolve("c").toString(), "log.cleaner.backoff.ms", "50"), LogConfig.defaults());
        try (LogManager manager = LogManager.start(config, time)) {
            Log log = manager.getOrCreateLog(
                    TP,
                    LogConfig.fromMap(Map.of(
                            "cleanup.policy", "compact", "segment.bytes", 1024, "min.cleanable.dirty.ratio", 0.01)));
            for (int round = 0; round < 30; round++) {
                for (int key = 0; key < 5; key++) {
                    log.appendAsLeader(
                            TestBatches.batch(time.milliseconds(), List.of("key-" + key), List.of("value-" + round)),
                            0);
                }
            }
            log.roll();
            long before = log.sizeInBytes();

            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> readAll(log, log.logStartOffset()).size() == 5);

            List<Record> remaining = readAll(log, log.logStartOffset());
            assertThat(log.sizeInBytes()).isLessThan(before / 4);
            assertThat(remaining)
                    .allSatisfy(r -> assertThat(TestBatches.string(r.value())).isEqualTo("value-29"));
        }
    }

    @Test
    void shouldApplyRetentionToEveryLog() {
        try (LogManager manager = start(root.resolve("r"))) {
            LogConfig expiring = LogConfig.fromMap(Map.of("segment.bytes", 1024, "retention.ms", 1000));
            Log log = manager.getOrCreateLog(TP, expiring);
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(batch(5, time.milliseconds(), CompressionType.NONE), 0);
            }
            time.sleep(2000);

            manager.deleteOldSegments();

            assertThat(log.logStartOffset()).isEqualTo(100);
            assertThat(log.logEndOffset()).isEqualTo(100);
        }
    }

    @Test
    void shouldRememberAnIdempotentProducerAcrossARestartAfterRetentionDeletedItsSegments() {
        Path dir = root.resolve("producers");
        long producerId = 77L;
        try (LogManager manager = start(dir)) {
            Log log = manager.getOrCreateLog(TP, LogConfig.fromMap(Map.of("retention.ms", 1000)));
            for (int i = 0; i < 7; i++) {
                log.appendAsLeader(TestBatches.producerBatch(producerId, (short) 0, 2 * i, 2, time.milliseconds()), 0);
            }
            log.roll();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> log.producerSnapshotOffsets().contains(14L));
            time.sleep(5000);
            log.appendAsLeader(batch(1, time.milliseconds(), CompressionType.NONE), 0);

            manager.deleteOldSegments();

            assertThat(log.logStartOffset()).isEqualTo(14);
        }

        try (LogManager manager = start(dir)) {
            Log log = manager.log(TP).orElseThrow();

            LogAppendInfo retried = log.appendAsLeader(TestBatches.producerBatch(producerId, (short) 0, 10, 2, 0L), 0);

            assertThat(retried.recordCount()).isZero();
            assertThat(retried.firstOffset()).isEqualTo(10);
            assertThat(log.logEndOffset()).isEqualTo(15);
        }
    }

    @Test
    void shouldForgetIdleProducersOfEveryLogAfterTheExpiration() {
        LogManagerConfig config = LogManagerConfig.fromMap(
                Map.of("log.dirs", root.resolve("expiry").toString(), "producer.id.expiration.ms", "1000"),
                LogConfig.defaults());
        try (LogManager manager = LogManager.start(config, time)) {
            Log log = manager.getOrCreateLog(TP, LogConfig.defaults());
            log.appendAsLeader(TestBatches.producerBatch(5L, (short) 0, 0, 1, time.milliseconds()), 0);
            manager.removeExpiredProducers();
            assertThat(log.producerStateEntries()).hasSize(1);
            time.sleep(1000);

            manager.removeExpiredProducers();

            assertThat(log.producerStateEntries()).isEmpty();
            assertThat(config.producerIdExpiration().checkInterval()).isEqualTo(java.time.Duration.ofMinutes(10));
        }
    }
}
