package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.storage.cleaner.CompactedLog.Entry;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash safety of the segment swap. Each case builds a log, copies its directory, cleans the original, and then lays
 * out in the copy the files that {@code Log.replaceSegments} would leave had the broker died at one point of the swap;
 * reopening the copy with full recovery must give exactly the cleaned log (or, before the swap, the uncleaned one).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CleanerCrashSafetyTest {
    private static final List<String> SEGMENT_SUFFIXES =
            List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX);

    /** Where the broker died. */
    enum CrashPoint {
        /** The cleaned segment is written ({@code .cleaned}) but not yet renamed: the swap never happened. */
        BEFORE_SWAP,
        /** The cleaned segment was renamed {@code .swap}; the old segments are all in place. */
        AFTER_SWAP_RENAME,
        /** As above, and some of the old segments were already renamed {@code .deleted}. */
        DURING_OLD_SEGMENT_DELETION,
        /** The swap completed on disk; the old segments' {@code .deleted} files were not yet removed. */
        BEFORE_DELETED_FILES_REMOVED
    }

    @TempDir
    Path tmp;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (CrashPoint point : CrashPoint.values()) {
            cases.add(Arguments.of(point, false));
            cases.add(Arguments.of(point, true));
        }
        return cases.stream();
    }

    /**
     * @param supersedeAll whether the active segment overwrites every key, so that each cleaned group ends with its
     *     records all dropped (the case where the cleaned segment must still reach the end of the group's offsets)
     */
    @ParameterizedTest(name = "{0}, supersedeAll={1}")
    @MethodSource("cases")
    void shouldRecoverCleanedOrOriginalLogWhenCrashingDuringSwap(CrashPoint point, boolean supersedeAll)
            throws IOException {
        Path original = tmp.resolve("original");
        Path crashed = tmp.resolve("crashed");
        List<Entry> before;
        List<Entry> after;
        List<long[]> cleanedRanges = new ArrayList<>();
        try (CompactedLog log = new CompactedLog(original, Map.of())) {
            fill(log, supersedeAll);
            before = log.readAll();
            log.reopen();
            copySegments(log.dir, crashed.resolve("topic-0"));

            try (LogCleaner cleaner = log.cleaner(1024 * 1024)) {
                assertThat(cleaner.runOnce()).isTrue();
            }
            after = log.readAll();
            List<LogSegment> segments = log.log.segments();
            for (int i = 0; i < segments.size() - 1; i++) {
                cleanedRanges.add(new long[] {
                    segments.get(i).baseOffset(), segments.get(i + 1).baseOffset()
                });
            }
        }
        assertThat(after).hasSizeLessThan(before.size());

        layOutCrash(point, original.resolve("topic-0"), crashed.resolve("topic-0"), cleanedRanges);

        try (CompactedLog recovered = new CompactedLog(crashed, Map.of())) {
            List<Entry> entries = recovered.readAll();
            assertThat(entries).containsExactlyElementsOf(point == CrashPoint.BEFORE_SWAP ? before : after);
            assertThat(entries).extracting(Entry::offset).isSorted().doesNotHaveDuplicates();
            assertThat(recovered.log.logEndOffset())
                    .isEqualTo(before.get(before.size() - 1).offset() + 1);
            try (Stream<Path> files = Files.list(recovered.dir)) {
                assertThat(files.map(f -> f.getFileName().toString()))
                        .noneMatch(name -> name.endsWith(LogSegment.SWAP_SUFFIX)
                                || name.endsWith(LogSegment.CLEANED_SUFFIX)
                                || name.endsWith(LogSegment.DELETED_SUFFIX));
            }
        }
    }

    private static void fill(CompactedLog log, boolean supersedeAll) {
        for (int round = 0; round < 20; round++) {
            for (int k = 0; k < 10; k++) {
                log.append("key-" + k, (round + k) % 7 == 0 ? null : "value-" + k + "-" + round);
            }
        }
        log.log.roll();
        int keys = supersedeAll ? 10 : 3;
        for (int k = 0; k < keys; k++) {
            log.append("key-" + k, "final-" + k);
        }
    }

    private static void layOutCrash(CrashPoint point, Path cleanedDir, Path crashedDir, List<long[]> cleanedRanges)
            throws IOException {
        for (int i = 0; i < cleanedRanges.size(); i++) {
            long base = cleanedRanges.get(i)[0];
            long end = cleanedRanges.get(i)[1];
            Path cleanedLog = cleanedDir.resolve(LogSegment.fileName(base, LogSegment.LOG_SUFFIX));
            Path target = crashedDir.resolve(LogSegment.fileName(base, LogSegment.LOG_SUFFIX));
            switch (point) {
                case BEFORE_SWAP -> Files.copy(cleanedLog, suffixed(target, LogSegment.CLEANED_SUFFIX));
                case AFTER_SWAP_RENAME -> Files.copy(cleanedLog, suffixed(target, LogSegment.SWAP_SUFFIX));
                case DURING_OLD_SEGMENT_DELETION -> {
                    Files.copy(cleanedLog, suffixed(target, LogSegment.SWAP_SUFFIX));
                    // The first half of the covered old segments already went.
                    List<Long> covered = bases(crashedDir, base, end);
                    for (long old : covered.subList(0, (covered.size() + 1) / 2)) {
                        markDeleted(crashedDir, old);
                    }
                }
                case BEFORE_DELETED_FILES_REMOVED -> {
                    for (long old : bases(crashedDir, base, end)) {
                        markDeleted(crashedDir, old);
                    }
                    Files.copy(cleanedLog, target);
                }
            }
        }
    }

    private static Path suffixed(Path file, String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    /** Base offsets of the segment files in {@code dir} within {@code [from, to)}. */
    private static List<Long> bases(Path dir, long from, long to) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(LogSegment.LOG_SUFFIX))
                    .map(LogSegment::parseBaseOffset)
                    .filter(base -> base >= from && base < to)
                    .sorted()
                    .toList();
        }
    }

    private static void markDeleted(Path dir, long base) throws IOException {
        for (String suffix : SEGMENT_SUFFIXES) {
            Path file = dir.resolve(LogSegment.fileName(base, suffix));
            if (Files.exists(file)) {
                Files.move(file, suffixed(file, LogSegment.DELETED_SUFFIX));
            }
        }
    }

    private static void copySegments(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (SEGMENT_SUFFIXES.stream().anyMatch(name::endsWith)) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
    }
}
