package io.runnel.storage;

import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.StorageException;
import io.runnel.records.FileBatch;
import io.runnel.records.FileRecords;
import io.runnel.storage.segment.LogSegment;
import io.runnel.storage.segment.SegmentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a partition directory and brings it to a consistent state: the recovery half of {@link Log}.
 *
 * <ol>
 *   <li>Leftovers of interrupted work are settled: {@code .cleaned} and {@code .tmp} files are deleted, {@code
 *       .deleted} files finish deleting, and a {@code .swap} segment (a compaction result whose swap was cut short)
 *       replaces the segments it covers.
 *   <li>Index files without a log file are deleted; every {@code .log} file is opened as a segment.
 *   <li>After a clean shutdown every segment is trusted, except one whose indexes are missing or fail the sanity
 *       check: that one is rebuilt. After a crash, every segment from the one holding the recovery point on is read,
 *       validated batch by batch, and its indexes rebuilt; the first invalid byte truncates the log there, and the
 *       segments after it are deleted, since their data no longer follows.
 * </ol>
 *
 * <p>Runs on the thread that opens the log, before the log is shared.
 */
final class LogLoader {
    private static final Logger log = LoggerFactory.getLogger(LogLoader.class);

    private final Path dir;
    private final SegmentSettings settings;
    private final long nowMs;
    private final String logPrefix;
    private final Set<Long> missingIndexes = new HashSet<>();
    private int recoveredSegments;

    LogLoader(Path dir, SegmentSettings settings, long nowMs) {
        this.dir = dir;
        this.settings = settings;
        this.nowMs = nowMs;
        this.logPrefix = "[Log dir=" + dir.getFileName() + "] ";
    }

    /**
     * Loads the segments.
     *
     * @return the segments by base offset, never empty: an empty log gets one segment at the log start offset
     */
    NavigableMap<Long, LogSegment> load(RecoveryState state) throws IOException {
        settleLeftovers();
        NavigableMap<Long, LogSegment> segments = openSegments();
        try {
            if (segments.isEmpty()) {
                long base = Math.max(state.logStartOffset(), state.recoveryPoint());
                segments.put(base, LogSegment.open(dir, base, settings, nowMs, ""));
                return segments;
            }
            recover(segments, state);
            return segments;
        } catch (IOException | RuntimeException e) {
            for (LogSegment segment : segments.values()) {
                closeQuietly(segment);
            }
            throw e;
        }
    }

    private void settleLeftovers() throws IOException {
        List<Path> swaps = new ArrayList<>();
        for (Path file : list()) {
            String name = file.getFileName().toString();
            if (name.endsWith(LogSegment.CLEANED_SUFFIX)
                    || name.endsWith(".tmp")
                    || name.endsWith(LogSegment.DELETED_SUFFIX)) {
                Files.deleteIfExists(file);
            } else if (name.endsWith(LogSegment.LOG_SUFFIX + LogSegment.SWAP_SUFFIX)) {
                swaps.add(file);
            }
        }
        for (Path swap : swaps) {
            completeSwap(swap);
        }
        for (Path file : list()) {
            String name = file.getFileName().toString();
            if (name.endsWith(LogSegment.SWAP_SUFFIX)) {
                // Index files of a completed swap: the rebuilt segment gets fresh ones.
                Files.deleteIfExists(file);
            }
        }
    }

    /** Finishes a compaction swap: delete the segments the swapped segment covers, then rename it into place. */
    private void completeSwap(Path swapLog) throws IOException {
        String name = swapLog.getFileName().toString();
        long base = LogSegment.parseBaseOffset(name);
        long next = base;
        try (FileRecords records = FileRecords.open(swapLog)) {
            for (FileBatch batch : records.batches()) {
                next = batch.nextOffset();
            }
        } catch (CorruptRecordException | UncheckedIOException e) {
            log.warn("{}Dropping unreadable swap file {}: {}", logPrefix, swapLog, e.getMessage());
            Files.deleteIfExists(swapLog);
            return;
        }
        for (Path file : list()) {
            String fileName = file.getFileName().toString();
            long fileBase = LogSegment.parseBaseOffset(fileName);
            boolean segmentFile = fileName.endsWith(LogSegment.LOG_SUFFIX)
                    || fileName.endsWith(LogSegment.INDEX_SUFFIX)
                    || fileName.endsWith(LogSegment.TIME_INDEX_SUFFIX);
            if (segmentFile && fileBase >= base && fileBase < next) {
                Files.deleteIfExists(file);
            }
        }
        String target = name.substring(0, name.length() - LogSegment.SWAP_SUFFIX.length());
        Files.move(swapLog, swapLog.resolveSibling(target));
        log.info("{}Completed interrupted compaction swap of segment {}", logPrefix, target);
    }

    private NavigableMap<Long, LogSegment> openSegments() throws IOException {
        TreeSet<Long> bases = new TreeSet<>();
        List<Path> indexes = new ArrayList<>();
        for (Path file : list()) {
            String name = file.getFileName().toString();
            long base = LogSegment.parseBaseOffset(name);
            if (base < 0) {
                continue;
            }
            if (name.endsWith(LogSegment.LOG_SUFFIX)) {
                bases.add(base);
            } else if (name.endsWith(LogSegment.INDEX_SUFFIX) || name.endsWith(LogSegment.TIME_INDEX_SUFFIX)) {
                indexes.add(file);
            }
        }
        for (Path index : indexes) {
            if (!bases.contains(LogSegment.parseBaseOffset(index.getFileName().toString()))) {
                log.info("{}Deleting index {} that has no log file", logPrefix, index);
                Files.delete(index);
            }
        }
        NavigableMap<Long, LogSegment> segments = new TreeMap<>();
        for (long base : bases) {
            if (!Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.INDEX_SUFFIX)))
                    || !Files.exists(dir.resolve(LogSegment.fileName(base, LogSegment.TIME_INDEX_SUFFIX)))) {
                missingIndexes.add(base);
            }
            segments.put(base, LogSegment.open(dir, base, settings, nowMs, ""));
        }
        return segments;
    }

    private void recover(NavigableMap<Long, LogSegment> segments, RecoveryState state) throws IOException {
        Long firstUnflushed = state.cleanShutdown() ? null : segments.floorKey(state.recoveryPoint());
        if (!state.cleanShutdown() && firstUnflushed == null) {
            firstUnflushed = segments.firstKey();
        }
        List<Long> toDelete = new ArrayList<>();
        boolean truncated = false;
        for (LogSegment segment : segments.values()) {
            if (truncated) {
                toDelete.add(segment.baseOffset());
                continue;
            }
            boolean unflushed = firstUnflushed != null && segment.baseOffset() >= firstUnflushed;
            if (unflushed || !indexesSane(segment)) {
                recoveredSegments++;
                int removed = segment.recover();
                segment.flush();
                if (removed > 0) {
                    log.warn("{}Recovery truncated {} bytes of segment {}", logPrefix, removed, segment.baseOffset());
                    truncated = true;
                }
            } else {
                segment.loadState();
            }
        }
        for (long base : toDelete) {
            LogSegment segment = segments.remove(base);
            log.warn("{}Deleting segment {} after a truncated one", logPrefix, base);
            segment.deleteIfExists();
        }
        for (LogSegment segment : segments.headMap(segments.lastKey(), false).values()) {
            segment.onBecomeInactive();
        }
    }

    /** How many segments the last {@link #load} read and validated in full. */
    int recoveredSegments() {
        return recoveredSegments;
    }

    private boolean indexesSane(LogSegment segment) {
        if (missingIndexes.contains(segment.baseOffset())) {
            log.info("{}Rebuilding missing indexes of segment {}", logPrefix, segment.baseOffset());
            return false;
        }
        try {
            segment.sanityCheck();
            return true;
        } catch (CorruptRecordException e) {
            log.warn("{}Rebuilding indexes of segment {}: {}", logPrefix, segment.baseOffset(), e.getMessage());
            return false;
        }
    }

    private List<Path> list() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path file : stream) {
                if (Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        return files;
    }

    private void closeQuietly(LogSegment segment) {
        try {
            segment.close();
        } catch (IOException e) {
            log.warn("{}Failed to close segment {} after a load failure", logPrefix, segment.baseOffset(), e);
        }
    }

    static StorageException storageError(Path dir, String what, IOException e) {
        return new StorageException(
                OpenFilesLimit.describe("cannot " + what + " log " + dir + ": " + e.getMessage(), e), e);
    }
}
