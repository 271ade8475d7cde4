package io.runnel.storage;

import io.runnel.common.errors.StorageException;
import io.runnel.records.FileBatch;
import io.runnel.records.RecordBatch;
import io.runnel.storage.checkpoint.AtomicFile;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer-state snapshots of one partition directory ({@link ProducerSnapshotFile} is their format), and loading
 * the state from them.
 *
 * <h2>Which snapshots exist</h2>
 *
 * <p>The log writes one when a segment rolls, at the new segment's base offset, and one when it closes, at the log
 * end; either only once every batch below the snapshot's offset is on disk (the roll snapshot after the background
 * flush of the rolled segment, the close snapshot only when the recovery point has reached the log end). So a
 * snapshot never claims state for data a crash could lose. At most {@value #KEPT} are kept, the newest; when segments
 * are deleted, snapshots below the log start offset go too, except the newest of them while no snapshot at or above
 * the log start exists yet (it is the only record of producers whose batches were deleted). A truncation deletes the
 * snapshots above the new log end.
 *
 * <h2>Loading</h2>
 *
 * <p>{@link #load} takes the newest snapshot at or below a bound (the log end, recovered after a crash: a snapshot is
 * installed only after the data below it was flushed, so it survives with that data) and replays the batch headers
 * from its offset to the log end. A snapshot that cannot be read (cut short, flipped bytes, an unknown version) is
 * logged, deleted, and the next older one is tried; with none, the state is rebuilt from every segment. Bad snapshots
 * never fail the open and lose nothing the segments still hold.
 *
 * <p>Not thread-safe: the {@link Log}'s writer lock guards it. Files are prepared ({@link #prepare}) outside that lock
 * and installed under it.
 */
final class ProducerSnapshots {
    private static final Logger log = LoggerFactory.getLogger(ProducerSnapshots.class);

    /** How many snapshots are kept: enough for a truncation of the last segments to start from one. */
    static final int KEPT = 3;

    private final Path dir;
    private final String logPrefix;
    private final TreeSet<Long> offsets = new TreeSet<>();

    ProducerSnapshots(Path dir, String logPrefix) {
        this.dir = dir;
        this.logPrefix = logPrefix;
    }

    /** Finds the snapshot files in the directory. */
    void scan() throws IOException {
        offsets.clear();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ProducerSnapshotFile.SUFFIX)) {
            for (Path file : files) {
                long offset =
                        ProducerSnapshotFile.parseOffset(file.getFileName().toString());
                if (offset >= 0) {
                    offsets.add(offset);
                }
            }
        }
    }

    /** The offsets of the snapshots, ascending. */
    NavigableSet<Long> offsets() {
        return java.util.Collections.unmodifiableNavigableSet(offsets);
    }

    /**
     * Writes the snapshot of {@code entries} at {@code offset} to a temporary file and forces it to disk; {@link
     * #install} puts it in place.
     *
     * @return the temporary file
     */
    Path prepare(long offset, List<ProducerStateManager.Entry> entries) throws IOException {
        return AtomicFile.writeTemp(ProducerSnapshotFile.path(dir, offset), ProducerSnapshotFile.encode(entries));
    }

    /** Renames a prepared snapshot into place; the caller forces the directory ({@link #forceDirectory}) after. */
    void install(Path prepared, long offset) throws IOException {
        AtomicFile.replace(prepared, ProducerSnapshotFile.path(dir, offset));
        offsets.add(offset);
        while (offsets.size() > KEPT) {
            delete(offsets.first());
        }
    }

    /** Deletes a prepared snapshot that will not be installed. */
    void discard(Path prepared) {
        try {
            Files.deleteIfExists(prepared);
        } catch (IOException e) {
            log.warn("{}Failed to delete unused snapshot file {}; the next open deletes it", logPrefix, prepared, e);
        }
    }

    void forceDirectory() throws IOException {
        AtomicFile.forceDirectory(dir);
    }

    /** Deletes the snapshots above {@code offset}, durably: after a truncation they describe removed data. */
    void deleteAbove(long offset) {
        List<Long> doomed = new ArrayList<>(offsets.tailSet(offset, false));
        for (long each : doomed) {
            delete(each);
        }
        if (!doomed.isEmpty()) {
            try {
                forceDirectory();
            } catch (IOException e) {
                throw new StorageException("cannot delete producer snapshots of " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /** Deletes every snapshot, as when the log is replaced by an empty one. */
    void deleteAll() {
        deleteAbove(-1L);
    }

    /**
     * Deletes the snapshots below {@code logStartOffset}, after segments were deleted, but keeps the newest of them
     * while none exists at or above it.
     */
    void deleteBelow(long logStartOffset) {
        Long keep = offsets.ceiling(logStartOffset) == null ? offsets.floor(logStartOffset) : null;
        for (long each : new ArrayList<>(offsets.headSet(logStartOffset, false))) {
            if (keep == null || each != keep) {
                delete(each);
            }
        }
    }

    private void delete(long offset) {
        offsets.remove(offset);
        Path file = ProducerSnapshotFile.path(dir, offset);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException("cannot delete producer snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a snapshot that cannot be read; a failure to delete it is logged, not thrown, so the open goes on. */
    private void deleteUnusable(long offset) {
        offsets.remove(offset);
        Path file = ProducerSnapshotFile.path(dir, offset);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("{}Failed to delete unusable producer snapshot {}", logPrefix, file, e);
        }
    }

    /**
     * Loads {@code state} from the newest valid snapshot at or below {@code bound} and replays the batch headers of
     * {@code segments} from its offset on (all of them without a usable snapshot).
     *
     * @return how many batch headers were replayed
     */
    long load(ProducerStateManager state, NavigableMap<Long, LogSegment> segments, long bound) {
        long from = loadNewestSnapshot(state, bound);
        return replay(state, segments, from);
    }

    /** Loads the newest readable snapshot at or below {@code bound}; returns its offset, or 0 with none (empty). */
    private long loadNewestSnapshot(ProducerStateManager state, long bound) {
        for (Long offset = offsets.floor(bound); offset != null; offset = offsets.floor(bound)) {
            Path file = ProducerSnapshotFile.path(dir, offset);
            try {
                state.load(ProducerSnapshotFile.read(file, offset));
                log.debug("{}Loaded producer state snapshot {}", logPrefix, file.getFileName());
                return offset;
            } catch (ProducerSnapshotFile.CorruptSnapshotException | IOException e) {
                log.warn(
                        "{}Deleting unusable producer snapshot {}: {}; using an older one or the log",
                        logPrefix,
                        file.getFileName(),
                        e.getMessage());
                deleteUnusable(offset);
            }
        }
        state.clear();
        return 0L;
    }

    /** Replays the producer batches that start at or after {@code from} into {@code state}. */
    private static long replay(ProducerStateManager state, NavigableMap<Long, LogSegment> segments, long from) {
        Long floor = segments.floorKey(from);
        Map<Long, LogSegment> toRead = floor == null ? segments : segments.tailMap(floor, true);
        long replayed = 0;
        for (LogSegment segment : toRead.values()) {
            int position = 0;
            if (segment.baseOffset() < from) {
                FileBatch first = segment.translateOffset(from, 0);
                if (first == null) {
                    continue;
                }
                position = first.position();
            }
            for (FileBatch batch : segment.records().batchesFrom(position)) {
                if (batch.baseOffset() < from) {
                    continue;
                }
                replayed++;
                if (batch.producerId() == RecordBatch.NO_PRODUCER_ID || batch.isControlBatch()) {
                    continue;
                }
                state.update(
                        batch.producerId(),
                        batch.producerEpoch(),
                        batch.baseSequence(),
                        ProducerStateManager.lastSequence(
                                batch.baseSequence(), (int) (batch.lastOffset() - batch.baseOffset())),
                        batch.baseOffset(),
                        batch.lastOffset(),
                        batch.maxTimestamp());
            }
        }
        return replayed;
    }
}
