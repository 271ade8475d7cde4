package io.runnel.storage;

import static io.runnel.storage.TestBatches.producerBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.OutOfOrderSequenceException;
import io.runnel.records.CompressionType;
import io.runnel.records.Record;
import io.runnel.storage.ProducerStateManager.Entry;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Producer-state snapshots on a log: written at roll and close, trusted on open only up to what is known to be on
 * disk, replayed from, dropped when damaged, cut back by truncation and retention, and producers forgotten on expiry.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProducerSnapshotTest {
    private static final long A = 100L;
    private static final long B = 200L;

    @TempDir
    Path root;

    LogFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new LogFixture(root);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        fixture.close();
    }

    /** Appends {@code count} two-record batches of {@code producerId} from sequence {@code firstSequence}. */
    void appendBatches(Log log, long producerId, int firstSequence, int count) {
        for (int i = 0; i < count; i++) {
            log.appendAsLeader(
                    producerBatch(producerId, (short) 0, firstSequence + 2 * i, 2, fixture.time.milliseconds()), 0);
        }
    }

    /** Rolls and waits for the background flush that then writes the roll's snapshot. */
    long rollAndSnapshot(Log log) {
        long offset = log.roll().baseOffset();
        fixture.drainScheduler();
        assertThat(log.producerSnapshotOffsets()).contains(offset);
        return offset;
    }

    /** Flushes and closes, as the log manager's clean shutdown does; returns how the manager would reopen it. */
    static RecoveryState cleanShutdown(Log log) {
        log.flush();
        RecoveryState state = new RecoveryState(log.logStartOffset(), log.recoveryPoint(), true);
        log.close();
        return state;
    }

    @Test
    void shouldAnswerARetryAsADuplicateAfterDeleteRecordsRemovedTheProducersSegmentsAndARestart() {
        RecoveryState state;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 7); // offsets 0..13, sequences 0..13; the last five batches start at 4
            long rolled = rollAndSnapshot(log);
            log.appendAsLeader(TestBatches.batch(3, fixture.time.milliseconds(), CompressionType.NONE), 0);
            log.deleteRecordsBefore(rolled);
            assertThat(log.numberOfSegments()).isEqualTo(1);
            state = cleanShutdown(log);
        }

        try (Log log = fixture.open(Map.of(), state)) {
            LogAppendInfo retried = log.appendAsLeader(producerBatch(A, (short) 0, 8, 2, 0L), 0);
            LogAppendInfo oldestKept = log.appendAsLeader(producerBatch(A, (short) 0, 4, 2, 0L), 0);

            assertThat(retried.recordCount()).isZero();
            assertThat(retried.firstOffset()).isEqualTo(8);
            assertThat(retried.lastOffset()).isEqualTo(9);
            assertThat(oldestKept.firstOffset()).isEqualTo(4);
            assertThat(log.logEndOffset()).isEqualTo(17);
            assertThatThrownBy(() -> log.appendAsLeader(producerBatch(A, (short) 0, 20, 1, 0L), 0))
                    .isInstanceOf(OutOfOrderSequenceException.class);
            assertThat(log.appendAsLeader(producerBatch(A, (short) 0, 14, 1, 0L), 0)
                            .firstOffset())
                    .isEqualTo(17);
        }
    }

    @Test
    void shouldRememberAProducerAfterRetentionDeletedItsSegmentsAndARestart() {
        Map<String, Object> config = Map.of("retention.ms", 1000);
        RecoveryState state;
        List<Entry> before;
        try (Log log = fixture.open(config)) {
            appendBatches(log, A, 0, 3);
            rollAndSnapshot(log);
            fixture.time.sleep(5000);
            appendBatches(log, B, 0, 1);
            assertThat(log.deleteOldSegments()).isEqualTo(1);
            before = log.producerStateEntries();
            state = cleanShutdown(log);
        }

        try (Log log = fixture.open(config, state)) {
            assertThat(log.producerStateEntries()).isEqualTo(before);
            assertThat(log.appendAsLeader(producerBatch(A, (short) 0, 4, 2, 0L), 0)
                            .recordCount())
                    .isZero();
        }
    }

    @Test
    void shouldRestoreTheFlushedStateAfterACrash() throws IOException {
        long rolled;
        long flushedEnd;
        long flushedBytes;
        List<Entry> flushed;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 4);
            appendBatches(log, B, 0, 2);
            rolled = rollAndSnapshot(log);
            appendBatches(log, A, 8, 2);
            log.flush();
            flushedEnd = log.logEndOffset();
            flushedBytes = log.activeSegment().sizeInBytes();
            flushed = log.producerStateEntries();
            appendBatches(log, B, 4, 3); // not flushed: lost in the crash below
        }
        // The crash: the unflushed tail never reached the disk, and no clean-shutdown marker was written.
        try (RandomAccessFile file = new RandomAccessFile(
                fixture.dir()
                        .resolve(io.runnel.storage.segment.LogSegment.fileName(rolled, ".log"))
                        .toFile(),
                "rw")) {
            file.setLength(flushedBytes);
        }

        try (Log log = fixture.open(Map.of(), new RecoveryState(0, rolled, false))) {
            assertThat(log.logEndOffset()).isEqualTo(flushedEnd);
            assertThat(log.producerStateEntries()).isEqualTo(flushed);
            assertThat(log.producerBatchesReplayed()).isEqualTo(2);
        }
    }

    @Test
    void shouldReadOnlyTheBatchHeadersAfterTheSnapshotWhenOpened() {
        List<Entry> before;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 10);
            rollAndSnapshot(log);
            appendBatches(log, B, 0, 3);
            before = log.producerStateEntries();
        } // not flushed, so no snapshot at close: the roll's is the newest

        try (Log log = fixture.open(Map.of(), new RecoveryState(0, 20, true))) {
            assertThat(log.producerBatchesReplayed()).isEqualTo(3);
            assertThat(log.producerStateEntries()).isEqualTo(before);
            RecoveryState clean = cleanShutdown(log);

            try (Log reopened = fixture.open(Map.of(), clean)) {
                assertThat(reopened.producerBatchesReplayed()).isZero();
                assertThat(reopened.producerStateEntries()).isEqualTo(before);
            }
        }
    }

    @Test
    void shouldTrustFlushedSnapshotsAboveAStaleRecoveryPointAfterACrash() {
        List<Entry> before;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 2);
            rollAndSnapshot(log);
            appendBatches(log, A, 4, 2);
            rollAndSnapshot(log);
            before = log.producerStateEntries();
        }

        // The checkpointed recovery point lags (4), but the snapshot at 8 was installed only after its data was
        // flushed, so it describes data that survived.
        try (Log log = fixture.open(Map.of(), new RecoveryState(0, 4, false))) {
            assertThat(log.producerSnapshotOffsets()).containsExactly(4L, 8L);
            assertThat(log.producerBatchesReplayed()).isZero();
            assertThat(log.producerStateEntries()).isEqualTo(before);
        }
    }

    @Test
    void shouldDeleteSnapshotsAboveTheLogEndAfterACrashCutTheLog() throws IOException {
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 2);
            rollAndSnapshot(log);
        }
        // A snapshot claiming more than the log holds (the disk lost flushed data, or a file from elsewhere).
        Files.copy(ProducerSnapshotFile.path(fixture.dir(), 4), ProducerSnapshotFile.path(fixture.dir(), 100));

        try (Log log = fixture.open(Map.of(), new RecoveryState(0, 0, false))) {
            assertThat(log.producerSnapshotOffsets()).containsExactly(4L);
            assertThat(ProducerSnapshotFile.path(fixture.dir(), 100)).doesNotExist();
            assertThat(log.producerBatchesReplayed()).isZero();
        }
    }

    enum Damage {
        FLIPPED_BYTE,
        TRUNCATED,
        EMPTY,
        UNKNOWN_VERSION
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void shouldIgnoreADamagedSnapshotAndRebuildFromAnOlderOneWithoutLosingAnything(Damage damage) throws IOException {
        List<Entry> before;
        List<Record> records;
        RecoveryState state;
        long newest;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 3);
            rollAndSnapshot(log);
            appendBatches(log, B, 0, 3);
            appendBatches(log, A, 6, 1);
            before = log.producerStateEntries();
            records = TestBatches.readAll(log, 0);
            state = cleanShutdown(log);
            newest = log.logEndOffset();
        }
        damage(ProducerSnapshotFile.path(fixture.dir(), newest), damage);

        try (Log log = fixture.open(Map.of(), state)) {
            assertThat(log.producerSnapshotOffsets()).doesNotContain(newest);
            assertThat(ProducerSnapshotFile.path(fixture.dir(), newest)).doesNotExist();
            assertThat(log.producerStateEntries()).isEqualTo(before);
            assertThat(log.producerBatchesReplayed()).isEqualTo(4);
            assertThat(TestBatches.readAll(log, 0)).isEqualTo(records);
        }
    }

    @Test
    void shouldRebuildFromTheWholeLogWhenEverySnapshotIsDamaged() throws IOException {
        List<Entry> before;
        RecoveryState state;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 3);
            rollAndSnapshot(log);
            appendBatches(log, B, 0, 3);
            before = log.producerStateEntries();
            state = cleanShutdown(log);
            for (long offset : log.producerSnapshotOffsets()) {
                damage(ProducerSnapshotFile.path(fixture.dir(), offset), Damage.FLIPPED_BYTE);
            }
        }

        try (Log log = fixture.open(Map.of(), state)) {
            assertThat(log.producerSnapshotOffsets()).isEmpty();
            assertThat(log.producerStateEntries()).isEqualTo(before);
            assertThat(log.producerBatchesReplayed()).isEqualTo(6);
        }
    }

    static void damage(Path file, Damage damage) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (damage) {
            case FLIPPED_BYTE -> {
                bytes[bytes.length / 2] ^= 0x40;
                Files.write(file, bytes);
            }
            case TRUNCATED -> Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 7));
            case EMPTY -> Files.write(file, new byte[0]);
            case UNKNOWN_VERSION -> {
                bytes[1] = 9;
                Files.write(file, bytes);
            }
        }
    }

    @Test
    void shouldDeleteLaterSnapshotsOnTruncationAndMatchAFreshRebuild() throws IOException {
        List<Entry> truncated;
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 3);
            long first = rollAndSnapshot(log);
            appendBatches(log, B, 0, 3);
            long second = rollAndSnapshot(log);
            appendBatches(log, A, 6, 3);

            log.truncateTo(second - 2);

            assertThat(log.producerSnapshotOffsets()).containsExactly(first);
            assertThat(log.producerBatchesReplayed()).isEqualTo(2);
            truncated = log.producerStateEntries();
        }
        try (var files = Files.list(fixture.dir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(ProducerSnapshotFile.SUFFIX))
                    .toList()) {
                Files.delete(file);
            }
        }

        try (Log rebuilt = fixture.open(Map.of())) {
            assertThat(rebuilt.producerStateEntries()).isEqualTo(truncated);
            assertThat(truncated).extracting(Entry::producerId).containsExactly(A, B);
            assertThat(truncated.get(1).batches()).hasSize(2);
        }
    }

    @Test
    void shouldDeleteEverySnapshotWhenTruncatedFully() {
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 3);
            rollAndSnapshot(log);

            log.truncateFullyAndStartAt(50);

            assertThat(log.producerSnapshotOffsets()).isEmpty();
            assertThat(log.producerStateEntries()).isEmpty();
        }
    }

    @Test
    void shouldKeepFewSnapshotsAndNoneBelowTheLogStartOnceANewerOneExists() {
        try (Log log = fixture.open(Map.of())) {
            long last = 0;
            for (int i = 0; i < 6; i++) {
                appendBatches(log, A, 4 * i, 2);
                last = rollAndSnapshot(log);
            }
            assertThat(log.producerSnapshotOffsets())
                    .hasSize(ProducerSnapshots.KEPT)
                    .last()
                    .isEqualTo(last);

            appendBatches(log, A, 24, 1);
            log.deleteRecordsBefore(last + 1);

            assertThat(log.producerSnapshotOffsets()).containsExactly(last);
            long next = rollAndSnapshot(log);
            log.deleteOldSegments();
            assertThat(log.producerSnapshotOffsets()).containsExactly(next);
        }
    }

    @Test
    void shouldForgetExpiredProducersAndLeaveThemOutOfTheNextSnapshot() throws Exception {
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 2);
            fixture.time.sleep(1000);
            appendBatches(log, B, 0, 2);
            fixture.time.sleep(1000);

            assertThat(log.removeExpiredProducers(Duration.ofMillis(1500))).isEqualTo(1);

            assertThat(log.producerStateEntries()).extracting(Entry::producerId).containsExactly(B);
            long rolled = rollAndSnapshot(log);
            assertThat(ProducerSnapshotFile.read(ProducerSnapshotFile.path(fixture.dir(), rolled), rolled))
                    .extracting(Entry::producerId)
                    .containsExactly(B);
            // a forgotten producer may start at any sequence
            assertThat(log.appendAsLeader(producerBatch(A, (short) 0, 77, 1, 0L), 0)
                            .recordCount())
                    .isEqualTo(1);
        }
    }

    @Test
    void shouldKeepProducersThatWroteWithinTheExpiration() {
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 2);
            fixture.time.sleep(1000);

            assertThat(log.removeExpiredProducers(Duration.ofMillis(1001))).isZero();
            assertThat(log.producerStateEntries()).extracting(Entry::producerId).containsExactly(A);
        }
    }

    @Test
    void shouldNotBringBackAnExpiredProducerWhenATruncationReloadsAnOlderSnapshot() {
        try (Log log = fixture.open(Map.of())) {
            appendBatches(log, A, 0, 2);
            rollAndSnapshot(log);
            fixture.time.sleep(2000);
            appendBatches(log, B, 0, 2);
            log.removeExpiredProducers(Duration.ofMillis(1500));

            log.truncateTo(log.logEndOffset() - 2);

            assertThat(log.producerStateEntries()).extracting(Entry::producerId).containsExactly(B);
        }
    }
}
