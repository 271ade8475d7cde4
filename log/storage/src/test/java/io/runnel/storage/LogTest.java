package io.runnel.storage;

import static io.runnel.storage.TestBatches.batch;
import static io.runnel.storage.TestBatches.readAll;
import static io.runnel.storage.TestBatches.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.errors.InvalidRecordException;
import io.runnel.common.errors.InvalidTimestampException;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.records.CompressionType;
import io.runnel.records.Record;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.TimestampType;
import io.runnel.storage.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
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

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogTest {
    private static final Map<String, Object> SMALL_SEGMENTS =
            Map.of("segment.bytes", 1024, "index.interval.bytes", 100);

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

    long now() {
        return fixture.time.milliseconds();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldAssignDenseOffsetsWhenAppendingAsLeader(CompressionType compression) {
        try (Log log = fixture.open(Map.of())) {
            LogAppendInfo first = log.appendAsLeader(batch(3, now(), compression), 7);
            LogAppendInfo second = log.appendAsLeader(batch(2, now(), compression), 7);

            assertThat(first.firstOffset()).isZero();
            assertThat(first.lastOffset()).isEqualTo(2);
            assertThat(second.firstOffset()).isEqualTo(3);
            assertThat(log.logEndOffset()).isEqualTo(5);
            List<Record> records = readAll(log, 0);
            assertThat(records).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
            assertThat(records).extracting(r -> string(r.value())).containsExactly("v0", "v1", "v2", "v0", "v1");
        }
    }

    @Test
    void shouldStampLeaderEpochAndKeepCrcValid() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 42);

            RecordBatch stored = RecordBatch.wrap(firstBatchBytes(log));

            assertThat(stored.partitionLeaderEpoch()).isEqualTo(42);
            assertThat(stored.isValid()).isTrue();
        }
    }

    @Test
    void shouldRollSegmentsWhenSegmentBytesIsReached() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 50; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }

            assertThat(log.numberOfSegments()).isGreaterThan(5);
            assertThat(log.segments())
                    .allSatisfy(s -> assertThat(s.sizeInBytes()).isLessThanOrEqualTo(1024));
            assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 250));
            assertThat(readAll(log, 137)).extracting(Record::offset).startsWith(137L);
        }
    }

    @Test
    void shouldRollWhenSegmentMsHasPassed() {
        try (Log log = fixture.open(Map.of("segment.ms", 1000))) {
            log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);
            fixture.time.sleep(1500);

            log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);

            assertThat(log.numberOfSegments()).isEqualTo(2);
        }
    }

    @Test
    void shouldStopReadAtMaxOffsetWhenBounded() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);

            FetchData data = log.read(0, 1 << 20, 3, false);

            assertThat(TestBatches.records(data.records()))
                    .extracting(Record::offset)
                    .containsExactly(0L, 1L, 2L);
        }
    }

    @Test
    void shouldReturnOneWholeBatchWhenMaxBytesIsSmallerAndMinOneBatchIsSet() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(10, now(), CompressionType.NONE), 0);

            FetchData small = log.read(0, 10, Long.MAX_VALUE, true);
            FetchData strict = log.read(0, 10, Long.MAX_VALUE, false);

            assertThat(TestBatches.records(small.records())).hasSize(10);
            assertThat(strict.records().sizeInBytes()).isEqualTo(10);
        }
    }

    @Test
    void shouldRejectReadWhenOffsetIsOutOfRange() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);

            assertThat(log.read(3, 100, Long.MAX_VALUE, true).records().sizeInBytes())
                    .isZero();
            assertThatThrownBy(() -> log.read(4, 100, Long.MAX_VALUE, true))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("log end offset 3");
            assertThatThrownBy(() -> log.read(-1, 100, Long.MAX_VALUE, true))
                    .isInstanceOf(OffsetOutOfRangeException.class);
        }
    }

    @Test
    void shouldFindOffsetsByTimestamp() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            long base = now();
            for (int i = 0; i < 40; i++) {
                log.appendAsLeader(batch(5, base + i * 10L, CompressionType.NONE), 0);
            }

            Map<Long, Long> expectations =
                    Map.of(base - 100, 0L, base, 0L, base + 3, 3L, base + 51, 26L, base + 394, 199L);
            expectations.forEach((timestamp, offset) -> assertThat(log.fetchOffsetByTimestamp(timestamp))
                    .as("timestamp %d", timestamp)
                    .hasValueSatisfying(found -> assertThat(found.offset()).isEqualTo(offset)));
            assertThat(log.fetchOffsetByTimestamp(base + 395)).isEmpty();
            assertThat(log.fetchOffsetByTimestamp(Log.EARLIEST_TIMESTAMP))
                    .map(TimestampOffset::offset)
                    .hasValue(0L);
            assertThat(log.fetchOffsetByTimestamp(Log.LATEST_TIMESTAMP))
                    .map(TimestampOffset::offset)
                    .hasValue(200L);
            assertThat(log.fetchOffsetByTimestamp(Log.MAX_TIMESTAMP))
                    .map(TimestampOffset::offset)
                    .hasValue(199L);
        }
    }

    @Test
    void shouldStampBrokerTimeWhenTopicUsesLogAppendTime() {
        try (Log log = fixture.open(Map.of("message.timestamp.type", "LogAppendTime"))) {
            LogAppendInfo info = log.appendAsLeader(batch(3, 5L, CompressionType.LZ4), 0);

            assertThat(info.logAppendTime()).isEqualTo(now());
            RecordBatch stored = RecordBatch.wrap(firstBatchBytes(log));
            assertThat(stored.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(stored.records())
                    .allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(now()));
        }
    }

    @Test
    void shouldRejectCorruptBatchAndKeepWhatWasWritten() {
        try (Log log = fixture.open(Map.of())) {
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);
            ByteBuffer corrupt = batch(3, now(), CompressionType.NONE);
            corrupt.put(RecordBatch.HEADER_SIZE + 4, (byte) 0x55);

            assertThatThrownBy(() -> log.appendAsLeader(corrupt, 0))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("crc");

            assertThat(log.logEndOffset()).isEqualTo(3);
            assertThat(readAll(log, 0)).hasSize(3);
            log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);
            assertThat(readAll(log, 0)).hasSize(4);
        }
    }

    @Test
    void shouldRejectWrongMagicWhenAppending() {
        try (Log log = fixture.open(Map.of())) {
            ByteBuffer old = batch(3, now(), CompressionType.NONE);
            old.put(16, (byte) 1);

            assertThatThrownBy(() -> log.appendAsLeader(old, 0))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("magic 1");
            assertThat(log.logEndOffset()).isZero();
        }
    }

    @Test
    void shouldRejectControlBatchWhenFromAClient() {
        try (Log log = fixture.open(Map.of())) {
            RecordBatchBuilder builder = new RecordBatchBuilder(64);
            builder.reset(0).control(true).append(now(), new byte[] {0, 0, 0, 0}, new byte[] {0, 0});

            assertThatThrownBy(() -> log.appendAsLeader(TestBatches.copy(builder.build()), 0))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("control");
        }
    }

    @Test
    void shouldRejectNonContiguousOffsetsWhenFromAClient() {
        try (Log log = fixture.open(Map.of())) {
            RecordBatchBuilder builder = new RecordBatchBuilder(64);
            builder.reset(0);
            builder.appendWithOffset(0, now(), null, ByteBuffer.wrap(new byte[] {1}));
            builder.appendWithOffset(5, now(), null, ByteBuffer.wrap(new byte[] {2}));

            assertThatThrownBy(() -> log.appendAsLeader(TestBatches.copy(builder.build()), 0))
                    .isInstanceOf(InvalidRecordException.class)
                    .hasMessageContaining("contiguous");
            assertThat(log.logEndOffset()).isZero();
        }
    }

    @Test
    void shouldRejectBatchWhenLargerThanMaxMessageBytes() {
        try (Log log = fixture.open(Map.of("max.message.bytes", 100))) {
            assertThatThrownBy(() -> log.appendAsLeader(batch(20, now(), CompressionType.NONE), 0))
                    .isInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.message.bytes 100");
        }
    }

    @Test
    void shouldRejectTimestampWhenTooFarInTheFuture() {
        try (Log log = fixture.open(Map.of("message.timestamp.after.max.ms", 1000))) {
            assertThatThrownBy(() -> log.appendAsLeader(batch(1, now() + 5000, CompressionType.NONE), 0))
                    .isInstanceOf(InvalidTimestampException.class);
        }
    }

    @Test
    void shouldAcceptTimestampsExactlyAtTheBoundsAndRejectOneMillisecondBeyond() {
        try (Log log =
                fixture.open(Map.of("message.timestamp.before.max.ms", 1000, "message.timestamp.after.max.ms", 2000))) {
            log.appendAsLeader(batch(1, now() - 1000, CompressionType.NONE), 0);
            log.appendAsLeader(batch(1, now() + 2000, CompressionType.NONE), 0);

            assertThatThrownBy(() -> log.appendAsLeader(batch(1, now() - 1001, CompressionType.NONE), 0))
                    .isInstanceOf(InvalidTimestampException.class)
                    .hasMessageContaining("1000 ms before");
            assertThatThrownBy(() -> log.appendAsLeader(batch(1, now() + 2001, CompressionType.NONE), 0))
                    .isInstanceOf(InvalidTimestampException.class)
                    .hasMessageContaining("2000 ms after");
            assertThat(log.logEndOffset()).isEqualTo(2);
        }
    }

    @Test
    void shouldAcceptAnyTimestampWhenTheBoundsAreTheLargestValue() {
        try (Log log = fixture.open(Map.of(
                "message.timestamp.before.max.ms", Long.MAX_VALUE, "message.timestamp.after.max.ms", Long.MAX_VALUE))) {
            log.appendAsLeader(batch(1, 0L, CompressionType.NONE), 0);
            log.appendAsLeader(batch(1, Long.MAX_VALUE - 1, CompressionType.NONE), 0);

            assertThat(log.logEndOffset()).isEqualTo(2);
        }
    }

    @Test
    void shouldRejectTrailingGarbageWhenAppending() {
        try (Log log = fixture.open(Map.of())) {
            ByteBuffer good = batch(2, now(), CompressionType.NONE);
            ByteBuffer withGarbage = ByteBuffer.allocate(good.remaining() + 7);
            withGarbage.put(good).put(new byte[7]).flip();

            assertThatThrownBy(() -> log.appendAsLeader(withGarbage, 0))
                    .isInstanceOf(CorruptRecordException.class)
                    .hasMessageContaining("trailing 7 bytes");
        }
    }

    @Test
    void shouldRejectUnknownConfigWhenParsing() {
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("segment.byte", 10)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("unknown configuration 'segment.byte'");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("retention.ms", "soon")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("cleanup.policy", "shred")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("cleanup.policy");
    }

    @Test
    void shouldAppendFollowerBatchesWithTheirOwnOffsets() {
        try (Log leader = fixture.open(Map.of())) {
            leader.appendAsLeader(batch(3, now(), CompressionType.GZIP), 4);
            leader.appendAsLeader(batch(2, now(), CompressionType.GZIP), 4);
            ByteBuffer replicated = firstBytes(leader, leader.read(0, 1 << 20, Long.MAX_VALUE, true));
            Path followerDir = root.resolve("follower");
            try (Log follower = Log.open(
                    followerDir.resolve("topic-0"), LogConfig.defaults(), RecoveryState.NONE, fixture.environment())) {

                follower.appendAsFollower(replicated);

                assertThat(follower.logEndOffset()).isEqualTo(5);
                assertThat(readAll(follower, 0)).isEqualTo(readAll(leader, 0));
                assertThatThrownBy(() -> follower.appendAsFollower(TestBatches.copy(replicated)))
                        .isInstanceOf(InvalidRecordException.class)
                        .hasMessageContaining("below the log end offset");
            }
        }
    }

    @Test
    void shouldRemoveSuffixWhenTruncated() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }

            assertThat(log.truncateTo(40)).isTrue();

            assertThat(log.logEndOffset()).isEqualTo(40);
            assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 40));
            log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            assertThat(readAll(log, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 45));
        }
    }

    @Test
    void shouldStartEmptyAtOffsetWhenTruncatedFully() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 10; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }

            log.truncateFullyAndStartAt(1000);
            log.appendAsLeader(batch(2, now(), CompressionType.NONE), 0);

            assertThat(log.logStartOffset()).isEqualTo(1000);
            assertThat(log.numberOfSegments()).isEqualTo(1);
            assertThat(readAll(log, 1000)).extracting(Record::offset).containsExactly(1000L, 1001L);
        }
    }

    @Test
    void shouldHideRecordsBelowNewStartWhenRecordsAreDeleted() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            int segmentsBefore = log.numberOfSegments();

            assertThat(log.deleteRecordsBefore(77)).isEqualTo(77);

            assertThat(log.numberOfSegments()).isLessThan(segmentsBefore);
            assertThatThrownBy(() -> log.read(76, 100, Long.MAX_VALUE, true))
                    .isInstanceOf(OffsetOutOfRangeException.class);
            assertThat(readAll(log, 77)).first().extracting(Record::offset).isEqualTo(77L);
            assertThatThrownBy(() -> log.deleteRecordsBefore(151)).isInstanceOf(OffsetOutOfRangeException.class);
        }
    }

    @Test
    void shouldDeleteExpiredSegmentsWhenRetentionMsPasses() {
        try (Log log = fixture.open(Map.of("segment.bytes", 1024, "retention.ms", 10_000))) {
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            fixture.time.sleep(5_000);
            log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            fixture.time.sleep(6_000);

            int deleted = log.deleteOldSegments();

            assertThat(deleted).isPositive();
            assertThat(log.logStartOffset()).isEqualTo(log.segments().get(0).baseOffset());
            assertThat(readAll(log, log.logStartOffset()))
                    .extracting(Record::offset)
                    .contains(150L, 154L);
            assertThat(log.logEndOffset()).isEqualTo(155);
        }
    }

    @Test
    void shouldDeleteOldestSegmentsWhenRetentionBytesIsExceeded() {
        try (Log log = fixture.open(Map.of("segment.bytes", 1024, "retention.bytes", 3000))) {
            for (int i = 0; i < 40; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }

            int deleted = log.deleteOldSegments();

            // As in Kafka, whole segments go while the rest still holds at least retention.bytes.
            assertThat(deleted).isPositive();
            assertThat(log.sizeInBytes()).isGreaterThanOrEqualTo(3000);
            assertThat(log.sizeInBytes() - log.segments().get(0).sizeInBytes()).isLessThan(3000);
            assertThat(log.logEndOffset()).isEqualTo(200);
        }
    }

    @Test
    void shouldKeepSegmentsWhenPolicyIsCompactOnly() {
        try (Log log = fixture.open(Map.of("segment.bytes", 1024, "retention.ms", 1, "cleanup.policy", "compact"))) {
            for (int i = 0; i < 20; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
            fixture.time.sleep(10_000);

            assertThat(log.deleteOldSegments()).isZero();
        }
    }

    @Test
    void shouldKeepAllDataWhenReopenedAfterCleanClose() {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.SNAPPY), 0);
            }
            log.flush();
        }

        try (Log reopened = fixture.open(SMALL_SEGMENTS, new RecoveryState(0, 150, true))) {
            assertThat(reopened.logEndOffset()).isEqualTo(150);
            assertThat(readAll(reopened, 0)).extracting(Record::offset).containsExactlyElementsOf(range(0, 150));
            reopened.appendAsLeader(batch(1, now(), CompressionType.NONE), 0);
            assertThat(reopened.logEndOffset()).isEqualTo(151);
        }
    }

    @Test
    void shouldRebuildIndexesWhenTheyAreMissing() throws Exception {
        try (Log log = fixture.open(SMALL_SEGMENTS)) {
            for (int i = 0; i < 30; i++) {
                log.appendAsLeader(batch(5, now(), CompressionType.NONE), 0);
            }
        }
        try (var files = java.nio.file.Files.list(fixture.dir())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".index")).toList()) {
                java.nio.file.Files.delete(file);
            }
        }

        try (Log reopened = fixture.open(SMALL_SEGMENTS, new RecoveryState(0, 150, true))) {
            assertThat(readAll(reopened, 97)).first().extracting(Record::offset).isEqualTo(97L);
            assertThat(reopened.segments().get(0).offsetIndex().entries()).isPositive();
        }
    }

    @Test
    void shouldAdvanceRecoveryPointWhenFlushMessagesIsReached() {
        try (Log log = fixture.open(Map.of("flush.messages", 5))) {
            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);
            assertThat(log.recoveryPoint()).isZero();

            log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);

            assertThat(log.recoveryPoint()).isEqualTo(6);
        }
    }

    @Test
    void shouldLeaveFlushingToTheOsByDefault() {
        try (Log log = fixture.open(Map.of())) {
            for (int i = 0; i < 100; i++) {
                log.appendAsLeader(batch(3, now(), CompressionType.NONE), 0);
            }

            assertThat(log.recoveryPoint()).isZero();
            assertThat(log.timeSinceLastFlushMs()).isZero();
            fixture.time.sleep(500);
            assertThat(log.timeSinceLastFlushMs()).isEqualTo(500);
            log.flush();
            assertThat(log.recoveryPoint()).isEqualTo(300);
        }
    }

    @Test
    void shouldRefuseWorkWhenClosed() {
        Log log = fixture.open(Map.of());
        log.close();

        assertThatThrownBy(() -> log.appendAsLeader(batch(1, now(), CompressionType.NONE), 0))
                .isInstanceOf(io.runnel.common.errors.StorageException.class)
                .hasMessageContaining("closed");
    }

    private static ByteBuffer firstBatchBytes(Log log) {
        return firstBytes(log, log.read(0, 1 << 20, Long.MAX_VALUE, true));
    }

    private static ByteBuffer firstBytes(Log log, FetchData data) {
        ByteBuffer buffer = ByteBuffer.allocate(data.records().sizeInBytes());
        try {
            data.records().readFully(buffer, 0);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        return buffer.flip();
    }

    static List<Long> range(long from, long to) {
        Long[] values = new Long[(int) (to - from)];
        for (int i = 0; i < values.length; i++) {
            values[i] = from + i;
        }
        return Arrays.asList(values);
    }
}
