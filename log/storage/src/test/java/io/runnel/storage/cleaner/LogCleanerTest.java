package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.TopicPartition;
import io.runnel.records.RecordBatch;
import io.runnel.storage.LogConfig;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import io.runnel.storage.cleaner.CompactedLog.Entry;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LogCleanerTest {
    private static final long MAP_BYTES = 1024 * 1024;
    private static final TopicPartition TP = new TopicPartition("topic", 0);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private CompactedLog log(Map<String, ?> overrides) {
        CompactedLog log = new CompactedLog(tmp, overrides);
        toClose.add(log);
        return log;
    }

    private LogCleaner cleaner(CompactedLog log) {
        return cleaner(log, MAP_BYTES);
    }

    private LogCleaner cleaner(CompactedLog log, long mapBytes) {
        LogCleaner cleaner = log.cleaner(mapBytes);
        toClose.add(cleaner);
        return cleaner;
    }

    /** Appends {@code rounds} values for each of {@code keys} keys; returns the latest value per key. */
    private static Map<String, Entry> fill(CompactedLog log, int keys, int rounds) {
        Map<String, Entry> latest = new HashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < keys; k++) {
                String key = "key-" + k;
                String value = "value-" + k + "-" + round;
                latest.put(key, new Entry(log.append(key, value), key, value));
            }
        }
        return latest;
    }

    private static Map<String, List<Entry>> byKey(List<Entry> entries) {
        Map<String, List<Entry>> byKey = new HashMap<>();
        for (Entry entry : entries) {
            byKey.computeIfAbsent(entry.key(), k -> new ArrayList<>()).add(entry);
        }
        return byKey;
    }

    @Test
    void shouldKeepOnlyLatestValuePerKeyAtItsOffsetWhenCleaned() {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        long sizeBefore = log.log.sizeInBytes();
        LogCleaner cleaner = cleaner(log);

        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
        assertThat(log.log.logEndOffset()).isEqualTo(200);
        assertThat(log.log.sizeInBytes()).isLessThan(sizeBefore / 5);
    }

    @Test
    void shouldMergeSmallCleanedSegmentsWhenCleanedAgain() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.runOnce();
        int segmentsAfterFirstClean = log.log.numberOfSegments();
        Map<String, Entry> latest = fill(log, 10, 2);
        log.log.roll();

        cleaner.runOnce();

        assertThat(log.log.numberOfSegments()).isLessThan(segmentsAfterFirstClean / 2);
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldNotCleanAgainWhenNothingIsDirty() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.runOnce();

        boolean cleanedAgain = cleaner.runOnce();

        assertThat(cleanedAgain).isFalse();
    }

    @Test
    void shouldNotTouchActiveSegmentWhenCleaning() {
        CompactedLog log = log(Map.of());
        fill(log, 5, 20);
        log.log.roll();
        fill(log, 5, 2);
        LogSegment active = log.log.activeSegment();
        List<Entry> activeBefore = new ArrayList<>();
        for (Entry entry : log.readAll()) {
            if (entry.offset() >= active.baseOffset()) {
                activeBefore.add(entry);
            }
        }
        int activeSize = active.sizeInBytes();
        LogCleaner cleaner = cleaner(log);

        cleaner.runOnce();

        assertThat(log.log.activeSegment()).isSameAs(active);
        assertThat(active.sizeInBytes()).isEqualTo(activeSize);
        assertThat(log.readAll()).containsSubsequence(activeBefore);
        assertThat(activeBefore).hasSize(10);
    }

    @Test
    void shouldNotCleanWhenDirtyRatioIsBelowMinimum() {
        CompactedLog log = log(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, 0.5));
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        assertThat(cleaner.runOnce()).isTrue();
        List<Entry> afterFirstClean = log.readAll();
        // A little new data: far less than half of the log.
        log.append("key-0", "newer");
        log.log.roll();

        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isFalse();
        assertThat(log.readAll()).startsWith(afterFirstClean.toArray(new Entry[0]));
    }

    @Test
    void shouldCleanWhenDirtyRatioReachesMinimum() {
        CompactedLog log = log(Map.of(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, 0.5));
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.runOnce();
        Map<String, Entry> latest = fill(log, 10, 5);
        log.log.roll();

        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldKeepLatestValueBelowBoundWhenNewerValuesMayStillBeTruncated() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        long highWatermark = 100;
        LogCleaner cleaner = log.cleaner(MAP_BYTES, () -> List.of(log.log), cleaned -> highWatermark);
        toClose.add(cleaner);

        assertThat(cleaner.runOnce()).isTrue();
        List<Entry> afterClean = log.readAll();
        log.log.truncateTo(highWatermark);

        assertThat(afterClean).filteredOn(e -> e.offset() >= highWatermark).hasSize(100);
        assertThat(log.readAll())
                .extracting(Entry::value)
                .containsExactlyInAnyOrder(
                        "value-0-9",
                        "value-1-9",
                        "value-2-9",
                        "value-3-9",
                        "value-4-9",
                        "value-5-9",
                        "value-6-9",
                        "value-7-9",
                        "value-8-9",
                        "value-9-9");
        assertThat(checkpoint(log)).isLessThanOrEqualTo(highWatermark);
    }

    @Test
    void shouldWaitForSegmentsWhenNewerThanMinCompactionLag() {
        CompactedLog log = log(Map.of(LogConfig.MIN_COMPACTION_LAG_MS, 10_000L));
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        assertThat(cleaner.runOnce()).isFalse();
        assertThat(log.readAll()).hasSize(200);

        log.time.sleep(10_001);
        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldDropTombstonesWhenDeleteRetentionPassedSinceFirstClean() {
        CompactedLog log = log(Map.of(LogConfig.DELETE_RETENTION_MS, 5_000L));
        fill(log, 10, 10);
        long tombstone = log.append("key-3", null);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);

        cleaner.runOnce();

        List<Entry> kept = log.readAll();
        assertThat(kept).contains(new Entry(tombstone, "key-3", null)).hasSize(10);
        RecordBatch holder = log.readBatches().stream()
                .filter(b -> b.baseOffset() <= tombstone && tombstone <= b.lastOffset())
                .findFirst()
                .orElseThrow();
        assertThat(holder.deleteHorizonMs()).hasValue(CompactedLog.START_MS + 5_000L);
        assertThat(cleaner.runOnce()).as("horizon not reached").isFalse();

        log.time.sleep(5_000);
        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).hasSize(9).extracting(Entry::key).doesNotContain("key-3");
    }

    @Test
    void shouldCleanPrefixThatFitsWhenOffsetMapIsSmall() {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 100, 3);
        log.log.roll();
        LogCleaner cleaner = cleaner(log, CleanerConfig.MIN_MAP_BYTES_PER_THREAD);

        assertThat(cleaner.runOnce()).isTrue();
        long checkpoint = checkpoint(log);
        assertThat(checkpoint)
                .isGreaterThan(0)
                .isLessThan(log.log.activeSegment().baseOffset());
        int passes = 1;
        while (cleaner.runOnce()) {
            passes++;
            assertThat(passes).isLessThan(100);
        }

        assertThat(passes).isGreaterThan(2);
        assertThat(checkpoint(log)).isEqualTo(log.log.activeSegment().baseOffset());
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldNotRecleanWhenRestartedWithCheckpoint() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        cleaner(log).runOnce();
        assertThat(checkpoint(log)).isEqualTo(log.log.activeSegment().baseOffset());

        boolean cleanedAfterRestart = cleaner(log).runOnce();

        assertThat(cleanedAfterRestart).isFalse();
    }

    @Test
    void shouldCleanFromLogStartWhenCheckpointIsOutOfRange() {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        new OffsetCheckpointFile(tmp.resolve(CleanerCheckpoints.FILE_NAME)).write(Map.of(TP, 1_000_000L));

        boolean cleaned = cleaner(log).runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldApplyRetentionAndCompactionWhenPolicyIsCompactAndDelete() {
        CompactedLog log = log(Map.of(LogConfig.CLEANUP_POLICY, "compact,delete", LogConfig.RETENTION_MS, 10_000L));
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        assertThat(cleaner.runOnce()).isTrue();
        log.time.sleep(20_000);
        Map<String, Entry> latest = fill(log, 10, 20);
        long firstNew = latest.get("key-0").offset() - 190;
        log.log.roll();

        int deleted = log.log.deleteOldSegments();
        boolean cleaned = cleaner.runOnce();

        assertThat(deleted).isPositive();
        assertThat(log.log.logStartOffset()).isEqualTo(firstNew);
        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldNotCleanLogWhenCleanupPolicyIsDelete() {
        CompactedLog log = log(Map.of(LogConfig.CLEANUP_POLICY, "delete"));
        fill(log, 10, 20);
        log.log.roll();

        boolean cleaned = cleaner(log).runOnce();

        assertThat(cleaned).isFalse();
        assertThat(log.readAll()).hasSize(200);
    }

    @Test
    void shouldKeepRecordsWhenTheyHaveNoKey() {
        CompactedLog log = log(Map.of());
        long first = log.append(null, "a");
        long second = log.append(null, "b");
        fill(log, 5, 20);
        log.log.roll();

        cleaner(log).runOnce();

        assertThat(log.readAll()).contains(new Entry(first, null, "a"), new Entry(second, null, "b"));
    }

    @Test
    void shouldRetryLaterWhenSwapFails() throws IOException {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        // A non-empty directory where the swap file must go makes the rename in replaceSegments fail.
        Path blocker = log.dir.resolve(LogSegment.fileName(0, LogSegment.LOG_SUFFIX) + LogSegment.SWAP_SUFFIX);
        Files.createDirectories(blocker.resolve("x"));
        LogCleaner cleaner = cleaner(log);

        assertThat(cleaner.runOnce()).isFalse();
        assertThat(cleaner.runOnce()).as("waits out the backoff").isFalse();
        assertThat(log.readAll()).hasSize(200);
        assertThat(cleanedFiles(log.dir)).isEmpty();

        Files.delete(blocker.resolve("x"));
        Files.delete(blocker);
        log.time.sleep(15_000);
        boolean cleaned = cleaner.runOnce();

        assertThat(cleaned).isTrue();
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldCleanPausedLogOnlyWhenResumed() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.abortAndPause(TP);
        assertThat(cleaner.runOnce()).isFalse();

        cleaner.resume(TP);

        assertThat(cleaner.runOnce()).isTrue();
    }

    @Test
    void shouldForgetCheckpointWhenLogIsDeleted() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = cleaner(log);
        cleaner.runOnce();

        cleaner.forget(log.log);

        assertThat(new OffsetCheckpointFile(tmp.resolve(CleanerCheckpoints.FILE_NAME)).read())
                .doesNotContainKey(TP);
    }

    @Test
    void shouldSkipLogWhenItIsClosed() {
        CompactedLog log = log(Map.of());
        fill(log, 10, 20);
        log.log.roll();
        log.log.close();

        boolean cleaned = cleaner(log).runOnce();

        assertThat(cleaned).isFalse();
    }

    @Test
    void shouldCleanInBackgroundAndStopPromptlyWhenClosed() {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = new LogCleaner(
                new CleanerConfig(true, 2, 2 * MAP_BYTES, 64 * 1024, java.time.Duration.ofHours(1)),
                () -> List.of(log.log),
                CompactedLog.ALL_COMMITTED,
                log.time);
        toClose.add(cleaner);

        cleaner.startup();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> log.readAll().size() == latest.size());
        List<String> names = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(n -> n.startsWith(LogCleaner.THREAD_NAME_PREFIX))
                .toList();
        cleaner.close();

        assertThat(names).containsExactlyInAnyOrder("runnel-log-cleaner-0", "runnel-log-cleaner-1");
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().startsWith(LogCleaner.THREAD_NAME_PREFIX));
        assertThat(log.readAll()).containsExactlyInAnyOrderElementsOf(latest.values());
    }

    @Test
    void shouldCleanDirtiestFirstWhenSeveralLogsShareADirectory() {
        CompactedLog first = log(Map.of());
        CompactedLog second = new CompactedLog(tmp, "topic-1", Map.of(), first.time);
        toClose.add(second);
        fill(first, 10, 20);
        first.log.roll();
        fill(second, 10, 20);
        second.log.roll();
        // Clean the first log once, then dirty it a little: the second is now the dirtier one.
        LogCleaner onlyFirst = cleaner(first);
        onlyFirst.runOnce();
        fill(first, 10, 1);
        first.log.roll();
        LogCleaner both = first.cleaner(MAP_BYTES, () -> List.of(first.log, second.log));
        toClose.add(both);

        assertThat(both.runOnce()).isTrue();
        Map<TopicPartition, Long> afterOne = new OffsetCheckpointFile(tmp.resolve(CleanerCheckpoints.FILE_NAME)).read();
        assertThat(afterOne.get(new TopicPartition("topic", 1)))
                .isEqualTo(second.log.activeSegment().baseOffset());
        assertThat(afterOne.get(TP)).isLessThan(first.log.activeSegment().baseOffset());
        assertThat(both.runOnce()).isTrue();

        Map<TopicPartition, Long> afterTwo = new OffsetCheckpointFile(tmp.resolve(CleanerCheckpoints.FILE_NAME)).read();
        assertThat(afterTwo)
                .containsEntry(TP, first.log.activeSegment().baseOffset())
                .containsEntry(
                        new TopicPartition("topic", 1),
                        second.log.activeSegment().baseOffset());
        assertThat(both.runOnce()).isFalse();
    }

    @Test
    void shouldNotCleanLogWhenPausedWhileThreadsRun() throws IOException {
        CompactedLog log = log(Map.of());
        Map<String, Entry> latest = fill(log, 10, 20);
        log.log.roll();
        LogCleaner cleaner = new LogCleaner(
                new CleanerConfig(true, 1, MAP_BYTES, 64 * 1024, java.time.Duration.ofMillis(10)),
                () -> List.of(log.log),
                CompactedLog.ALL_COMMITTED,
                log.time);
        toClose.add(cleaner);
        cleaner.startup();

        cleaner.abortAndPause(TP);
        List<Entry> whilePaused = log.readAll();
        log.log.truncateTo(150);
        List<Entry> truncated = log.readAll();

        assertThat(cleanedFiles(log.dir)).isEmpty();
        assertThat(truncated)
                .isEqualTo(whilePaused.stream().filter(e -> e.offset() < 150).toList());
        cleaner.resume(TP);
        for (int k = 0; k < 10; k++) {
            log.append("key-" + k, "after-pause");
        }
        log.log.roll();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> log.readAll().size() == latest.size());
        cleaner.close();
        assertThat(log.readAll()).extracting(Entry::value).containsOnly("after-pause");
    }

    private long checkpoint(CompactedLog log) {
        return new OffsetCheckpointFile(tmp.resolve(CleanerCheckpoints.FILE_NAME))
                .read()
                .get(TP);
    }

    static List<Path> cleanedFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(LogSegment.CLEANED_SUFFIX))
                    .toList();
        }
    }
}
