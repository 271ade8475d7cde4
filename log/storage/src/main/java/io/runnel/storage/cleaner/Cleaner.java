package io.runnel.storage.cleaner;

import io.runnel.common.Time;
import io.runnel.records.FileBatch;
import io.runnel.records.RecordBatch;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.cleaner.LogToClean.SourceSegment;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cleans one log at a time: the work of one cleaner thread, as Kafka's {@code Cleaner}.
 *
 * <ol>
 *   <li><b>Map</b> the dirty section {@code [firstDirty, firstUncleanable)} into the {@link OffsetMap}: key to latest
 *       offset. If the map fills, only the prefix mapped so far is cleaned this pass ({@code endOffset} is where the
 *       mapping stopped), and the rest stays dirty for the next pass.
 *   <li><b>Group</b> the inactive segments below {@code endOffset}, clean ones included (so tombstones expire and small
 *       cleaned segments merge), into runs whose total size fits {@code segment.bytes} and whose indexes fit {@code
 *       segment.index.bytes}.
 *   <li><b>Rewrite</b> each group into one segment written with the {@code .cleaned} suffix, with the first segment's
 *       base offset, keeping what {@link BatchCompactor} keeps. Offsets never change.
 *   <li><b>Swap</b> it in with {@link Log#replaceSegments}, under the log's lock and only if the group's segments are
 *       still in place, inactive and unchanged (retention, truncation or DeleteRecords may have moved on meanwhile).
 * </ol>
 *
 * <p>Between batches the cleaner polls its stop condition; on stop, or any failure, the half-written {@code .cleaned}
 * segment is deleted and groups already swapped stay swapped (each is a valid compaction on its own).
 *
 * <p>Not thread-safe: owned by one cleaner thread. Buffers and the map are allocated on the first clean.
 */
final class Cleaner {
    private static final Logger log = LoggerFactory.getLogger(Cleaner.class);

    /** How a clean ended. */
    enum Outcome {
        /** Every group was handled; compaction reached {@link Result#endOffset()}. */
        DONE,
        /** Stopped early; the checkpoint must not move. */
        STOPPED
    }

    /**
     * What a clean did.
     *
     * @param outcome whether it completed
     * @param endOffset the first offset still dirty afterwards
     * @param tombstoneHorizonMs the earliest delete horizon of the tombstones kept, or {@link Long#MAX_VALUE}
     */
    record Result(Outcome outcome, long endOffset, long tombstoneHorizonMs) {}

    /** What every group of one clean shares. */
    private record Pass(
            Log log, LogConfig config, OffsetMap offsets, long mappedEnd, long nowMs, BooleanSupplier stop) {}

    private final String logPrefix;
    private final int mapBytes;
    private final int ioBufferSize;
    private final Time time;
    private final BatchCompactor compactor = new BatchCompactor();
    private @Nullable OffsetMap map;
    private @Nullable SegmentWriter writer;
    private ByteBuffer readBuffer = ByteBuffer.allocate(0);

    // Per clean: statistics for the log line, and the earliest tombstone horizon.
    private long bytesRead;
    private long recordsKept;
    private long recordsDropped;
    private long earliestHorizonMs;

    Cleaner(String logPrefix, int mapBytes, int ioBufferSize, Time time) {
        this.logPrefix = logPrefix;
        this.mapBytes = mapBytes;
        this.ioBufferSize = ioBufferSize;
        this.time = time;
    }

    /**
     * Cleans {@code target}, polling {@code stop} between batches.
     *
     * @throws IOException on a read or write error
     * @throws io.runnel.common.errors.StorageException if the swap fails
     * @throws io.runnel.common.errors.CorruptRecordException if a batch fails its CRC
     */
    Result clean(LogToClean target, BooleanSupplier stop) throws IOException {
        long startMs = time.hiResClockMs();
        long nowMs = time.milliseconds();
        OffsetMap offsets = offsetMap();
        offsets.clear();
        bytesRead = 0;
        recordsKept = 0;
        recordsDropped = 0;
        earliestHorizonMs = Long.MAX_VALUE;
        long endOffset = buildOffsetMap(target, offsets, stop);
        if (endOffset < 0) {
            return new Result(Outcome.STOPPED, target.firstDirtyOffset(), Long.MAX_VALUE);
        }
        List<SourceSegment> toClean = new ArrayList<>();
        for (SourceSegment source : target.segments()) {
            if (source.baseOffset() < endOffset) {
                toClean.add(source);
            }
        }
        Log cleaning = target.log();
        LogConfig config = cleaning.config();
        int segmentsBefore = toClean.size();
        List<List<SourceSegment>> groups = SegmentGroups.of(toClean, config);
        Pass pass = new Pass(cleaning, config, offsets, endOffset, nowMs, stop);
        long bytesWritten = 0;
        int groupStart = 0;
        for (List<SourceSegment> group : groups) {
            // The map was built from segments up to the end of toClean: if any of those not yet replaced changed (a
            // truncation), a record the map calls superseded may be superseded by one that no longer exists.
            List<SourceSegment> mustBeInPlace = toClean.subList(groupStart, toClean.size());
            long written = cleanGroup(pass, group, mustBeInPlace);
            if (written < 0) {
                return new Result(Outcome.STOPPED, target.firstDirtyOffset(), Long.MAX_VALUE);
            }
            bytesWritten += written;
            groupStart += group.size();
        }
        log.info(
                "{}Cleaned {} up to offset {} ({}% of the offset map used): {} segments into {}, {} bytes read, {}"
                        + " written, {} records kept, {} dropped, in {} ms",
                logPrefix,
                cleaning.topicPartition(),
                endOffset,
                Math.round(offsets.utilization() * 100),
                segmentsBefore,
                groups.size(),
                bytesRead,
                bytesWritten,
                recordsKept,
                recordsDropped,
                time.hiResClockMs() - startMs);
        return new Result(Outcome.DONE, endOffset, earliestHorizonMs);
    }

    private OffsetMap offsetMap() {
        OffsetMap existing = map;
        if (existing == null) {
            existing = new OffsetMap(mapBytes);
            map = existing;
        }
        return existing;
    }

    private SegmentWriter writer() {
        SegmentWriter existing = writer;
        if (existing == null) {
            existing = new SegmentWriter(ioBufferSize / 2);
            writer = existing;
        }
        return existing;
    }

    /**
     * Maps the dirty section's keys to their latest offsets.
     *
     * @return the offset the mapping reached (the end of the last batch wholly mapped), or -1 if stopped
     */
    private long buildOffsetMap(LogToClean target, OffsetMap offsets, BooleanSupplier stop) throws IOException {
        long start = target.firstDirtyOffset();
        long end = start;
        for (SourceSegment source : target.segments()) {
            if (source.nextOffset() <= start) {
                continue;
            }
            if (source.baseOffset() >= target.firstUncleanableOffset()) {
                break;
            }
            for (FileBatch fileBatch : source.segment().records().batches()) {
                if (stop.getAsBoolean()) {
                    return -1L;
                }
                if (fileBatch.position() >= source.size()) {
                    break;
                }
                if (fileBatch.lastOffset() >= target.firstUncleanableOffset()) {
                    // A batch reaching the bound is not mapped: its records past the bound must not displace others.
                    return Math.max(end, Math.min(fileBatch.baseOffset(), target.firstUncleanableOffset()));
                }
                if (fileBatch.lastOffset() < start) {
                    continue;
                }
                if (!compactor.mapKeys(load(source.segment(), fileBatch), start, offsets)) {
                    if (end == start) {
                        throw new IllegalStateException("the offset map of " + offsets.maxEntries()
                                + " keys cannot hold one batch at offset " + fileBatch.baseOffset()
                                + "; raise log.cleaner.dedupe.buffer.size");
                    }
                    return end;
                }
                end = fileBatch.nextOffset();
            }
        }
        // Everything below the first uncleanable offset was mapped, gaps after the last batch included.
        return target.firstUncleanableOffset();
    }

    /**
     * Rewrites one group into a {@code .cleaned} segment and swaps it in.
     *
     * @return bytes written, or -1 if stopped
     */
    private long cleanGroup(Pass pass, List<SourceSegment> group, List<SourceSegment> mustBeInPlace)
            throws IOException {
        Log cleaning = pass.log();
        LogConfig config = pass.config();
        long nowMs = pass.nowMs();
        BooleanSupplier stop = pass.stop();
        OffsetMap offsets = pass.offsets();
        long baseOffset = group.get(0).baseOffset();
        deleteLeftovers(cleaning.dir(), baseOffset);
        LogSegment cleaned = LogSegment.open(
                cleaning.dir(), baseOffset, cleaning.segmentSettings(), nowMs, LogSegment.CLEANED_SUFFIX);
        boolean swapped = false;
        try {
            SegmentWriter out = writer();
            out.start(cleaned);
            boolean changed = group.size() > 1;
            SourceSegment lastSource = null;
            FileBatch lastBatch = null;
            boolean lastKept = false;
            long lastModified = 0;
            for (SourceSegment source : group) {
                lastModified = Math.max(lastModified, source.segment().lastModified());
                for (FileBatch fileBatch : source.segment().records().batches()) {
                    if (stop.getAsBoolean()) {
                        return -1L;
                    }
                    if (fileBatch.position() >= source.size()) {
                        break;
                    }
                    RecordBatch batch = load(source.segment(), fileBatch);
                    ByteBuffer kept = compactor.compact(
                            batch,
                            offsets,
                            pass.mappedEnd(),
                            nowMs,
                            config.deleteRetention().toMillis());
                    recordsKept += compactor.retained();
                    recordsDropped += compactor.dropped();
                    earliestHorizonMs = Math.min(earliestHorizonMs, compactor.tombstoneHorizonMs());
                    changed |= kept == null || compactor.rewrote();
                    if (kept != null) {
                        out.add(kept);
                    }
                    lastSource = source;
                    lastBatch = fileBatch;
                    lastKept = kept != null;
                }
            }
            if (lastSource == null || lastBatch == null) {
                return 0L;
            }
            if (!lastKept && out.nextOffset() <= group.get(group.size() - 1).baseOffset()) {
                // Recovery of an interrupted swap deletes the old segments the swap file's offsets reach: reach them
                // all, with an empty batch in place of the last one.
                out.add(compactor.emptyBatch(load(lastSource.segment(), lastBatch)));
            }
            if (!changed) {
                return 0L;
            }
            out.finish();
            cleaned.onBecomeInactive();
            cleaned.flush();
            cleaned.setLastModified(lastModified);
            swapped = swap(cleaning, cleaned, group, mustBeInPlace);
            return swapped ? cleaned.sizeInBytes() : -1L;
        } finally {
            if (!swapped) {
                discard(cleaned);
            }
        }
    }

    private boolean swap(
            Log cleaning, LogSegment cleaned, List<SourceSegment> group, List<SourceSegment> mustBeInPlace) {
        List<LogSegment> old = new ArrayList<>(group.size());
        for (SourceSegment source : group) {
            old.add(source.segment());
        }
        return cleaning.withLock(() -> {
            if (cleaning.isClosed() || !stillInPlace(cleaning, mustBeInPlace)) {
                log.info(
                        "{}Segments {} to {} of {} changed while being cleaned; dropping the cleaned copy",
                        logPrefix,
                        group.get(0).baseOffset(),
                        group.get(group.size() - 1).baseOffset(),
                        cleaning.topicPartition());
                return false;
            }
            cleaning.replaceSegments(cleaned, old);
            return true;
        });
    }

    /** Under the log's lock: every one of {@code sources} is still the log's, inactive, and of the size it had. */
    private static boolean stillInPlace(Log cleaning, List<SourceSegment> sources) {
        List<LogSegment> current = cleaning.segments();
        LogSegment active = current.get(current.size() - 1);
        int from = 0;
        for (SourceSegment source : sources) {
            int found = -1;
            for (int i = from; i < current.size(); i++) {
                if (current.get(i) == source.segment()) {
                    found = i;
                    break;
                }
            }
            if (found < 0 || source.segment() == active || source.segment().sizeInBytes() != source.size()) {
                return false;
            }
            from = found + 1;
        }
        return true;
    }

    /** Deletes the cleaned segment unless it was already renamed by a swap that failed half-way. */
    private void discard(LogSegment cleaned) throws IOException {
        if (cleaned.records().file().getFileName().toString().endsWith(LogSegment.CLEANED_SUFFIX)) {
            cleaned.deleteIfExists();
        } else {
            log.warn(
                    "{}Keeping {}: a failed swap renamed it, and recovery completes the swap",
                    logPrefix,
                    cleaned.records().file());
        }
    }

    private static void deleteLeftovers(Path dir, long baseOffset) throws IOException {
        for (String suffix : List.of(LogSegment.LOG_SUFFIX, LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
            Files.deleteIfExists(dir.resolve(LogSegment.fileName(baseOffset, suffix) + LogSegment.CLEANED_SUFFIX));
        }
    }

    /**
     * Reads one batch into the reusable read buffer and checks its CRC.
     *
     * @throws io.runnel.common.errors.CorruptRecordException if it fails the check
     */
    private RecordBatch load(LogSegment segment, FileBatch fileBatch) throws IOException {
        if (readBuffer.capacity() < fileBatch.sizeInBytes()) {
            readBuffer = ByteBuffer.allocate(
                    Math.max(fileBatch.sizeInBytes(), Math.max(ioBufferSize / 2, readBuffer.capacity() * 2)));
        }
        ByteBuffer buffer = readBuffer.clear().limit(fileBatch.sizeInBytes());
        segment.records().readFully(buffer, fileBatch.position());
        buffer.flip();
        RecordBatch batch = RecordBatch.wrap(buffer);
        batch.ensureValid();
        bytesRead += batch.sizeInBytes();
        return batch;
    }
}
