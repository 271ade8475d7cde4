package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.TopicPartition;
import io.runnel.records.CompressionType;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordCursor;
import io.runnel.storage.LogConfig;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import io.runnel.storage.cleaner.CompactedLog.Entry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Timeout;

/**
 * Compaction against a model: the appended records, by offset. Random appends (keys from a small domain, values or
 * tombstones, batched and compressed at random) across many small segments, then cleaning until nothing is dirty,
 * optionally with an offset map too small for the keys so that each pass cleans a prefix, and with a high watermark
 * anywhere in the log (or none) that compaction must not pass.
 */
@Timeout(300)
class CompactionPropertyTest {
    private static final long DELETE_RETENTION_MS = 10_000L;
    private static final TopicPartition TP = new TopicPartition("topic", 0);

    /** One record to append: a key index, and a tombstone or not. */
    record Op(int key, boolean tombstone) {}

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                        Arbitraries.integers().between(0, 59),
                        Arbitraries.integers().between(0, 6).map(i -> i == 0))
                .as(Op::new);
        return op.list().ofMinSize(1).ofMaxSize(400);
    }

    @Property(tries = 40)
    void shouldMatchModelWhenRandomRecordsAreCompacted(
            @ForAll("ops") List<Op> ops,
            @ForAll @IntRange(min = 1, max = 60) int keyDomain,
            @ForAll @IntRange(min = 1, max = 5) int batchSize,
            @ForAll CompressionType compression,
            @ForAll boolean smallMap,
            @ForAll @IntRange(min = 0, max = 120) int boundPercent)
            throws IOException {
        Path parent = Files.createTempDirectory("compaction-property");
        try (CompactedLog log = new CompactedLog(
                        parent,
                        Map.of(
                                LogConfig.MIN_CLEANABLE_DIRTY_RATIO,
                                0.0,
                                LogConfig.DELETE_RETENTION_MS,
                                DELETE_RETENTION_MS));
                LogCleaner cleaner = log.cleaner(
                        smallMap ? CleanerConfig.MIN_MAP_BYTES_PER_THREAD : 1024 * 1024,
                        () -> List.of(log.log),
                        // A high watermark somewhere in the log, or none (past 100%).
                        cleaned -> boundPercent > 100 ? Long.MAX_VALUE : (long) ops.size() * boundPercent / 100)) {
            Map<Long, Entry> appended = append(log, ops, keyDomain, batchSize, compression);
            log.log.roll();
            // A few records in the active segment, which cleaning must leave alone.
            appended.putAll(append(log, ops.subList(0, Math.min(5, ops.size())), keyDomain, 1, CompressionType.NONE));

            cleanUntilClean(cleaner);

            long cleanedEnd = checkpoint(parent);
            long bound = boundPercent > 100 ? Long.MAX_VALUE : (long) ops.size() * boundPercent / 100;
            assertThat(cleanedEnd)
                    .isLessThanOrEqualTo(Math.min(bound, log.log.activeSegment().baseOffset()));
            if (boundPercent > 100) {
                assertThat(cleanedEnd).isEqualTo(log.log.activeSegment().baseOffset());
            }
            List<Entry> afterClean = log.readAll();
            checkAgainstModel(afterClean, appended, cleanedEnd, true);
            checkTombstonesHaveHorizon(log, cleanedEnd);

            log.time.sleep(DELETE_RETENTION_MS);
            cleanUntilClean(cleaner);

            checkAgainstModel(log.readAll(), appended, cleanedEnd, false);
        } finally {
            deleteRecursively(parent);
        }
    }

    private static Map<Long, Entry> append(
            CompactedLog log, List<Op> ops, int keyDomain, int batchSize, CompressionType compression) {
        Map<Long, Entry> appended = new HashMap<>();
        for (int from = 0; from < ops.size(); from += batchSize) {
            List<Op> batch = ops.subList(from, Math.min(ops.size(), from + batchSize));
            String[] keyValues = new String[batch.size() * 2];
            for (int i = 0; i < batch.size(); i++) {
                Op op = batch.get(i);
                keyValues[2 * i] = "key-" + (op.key() % keyDomain);
                keyValues[2 * i + 1] = op.tombstone() ? null : "value-" + (from + i) + "-" + log.log.logEndOffset();
            }
            long first = log.appendBatch(compression, keyValues);
            for (int i = 0; i < batch.size(); i++) {
                appended.put(first + i, new Entry(first + i, keyValues[2 * i], keyValues[2 * i + 1]));
            }
        }
        return appended;
    }

    private static void cleanUntilClean(LogCleaner cleaner) {
        int passes = 0;
        while (cleaner.runOnce()) {
            passes++;
            assertThat(passes).as("cleaning passes").isLessThan(500);
        }
    }

    /**
     * Every record read is the one appended at its offset; offsets increase; below {@code cleanedEnd} a record survives
     * exactly when it is the latest for its key there (tombstones only while {@code tombstonesKept}); at and above it
     * every record survives.
     */
    private static void checkAgainstModel(
            List<Entry> read, Map<Long, Entry> appended, long cleanedEnd, boolean tombstonesKept) {
        assertThat(read).extracting(Entry::offset).isSorted().doesNotHaveDuplicates();
        for (Entry entry : read) {
            assertThat(entry).isEqualTo(appended.get(entry.offset()));
        }
        Map<String, Long> latestBelowEnd = new HashMap<>();
        for (Entry entry : appended.values()) {
            if (entry.offset() < cleanedEnd) {
                latestBelowEnd.merge(entry.key(), entry.offset(), Math::max);
            }
        }
        List<Entry> expected = new ArrayList<>();
        for (Entry entry : appended.values()) {
            boolean kept;
            if (entry.offset() >= cleanedEnd) {
                kept = true;
            } else {
                kept = latestBelowEnd.get(entry.key()) == entry.offset() && (tombstonesKept || entry.value() != null);
            }
            if (kept) {
                expected.add(entry);
            }
        }
        expected.sort(Comparator.comparingLong(Entry::offset));
        assertThat(read).containsExactlyElementsOf(expected);
    }

    private static void checkTombstonesHaveHorizon(CompactedLog log, long cleanedEnd) {
        Set<Long> withoutHorizon = new HashSet<>();
        for (RecordBatch batch : log.readBatches()) {
            if (batch.baseOffset() >= cleanedEnd) {
                continue;
            }
            RecordCursor cursor = batch.cursor();
            while (cursor.next()) {
                if (!cursor.hasValue() && batch.deleteHorizonMs().isEmpty()) {
                    withoutHorizon.add(cursor.offset());
                }
            }
        }
        assertThat(withoutHorizon).as("tombstones without a delete horizon").isEmpty();
    }

    private static long checkpoint(Path parent) {
        return new OffsetCheckpointFile(parent.resolve(CleanerCheckpoints.FILE_NAME))
                .read()
                .getOrDefault(TP, 0L);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
