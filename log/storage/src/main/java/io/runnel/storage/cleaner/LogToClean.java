package io.runnel.storage.cleaner;

import io.runnel.common.errors.StorageException;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A log and how dirty it is, from a snapshot of its segments. The log's offsets split into:
 *
 * <pre>
 *   logStart          firstDirty                firstUncleanable       active segment
 *      | clean (compacted) |  dirty, cleanable      | too recent (lag) |  never touched |
 * </pre>
 *
 * <p>{@code firstUncleanable} is the active segment's base offset, or earlier: the broker's bound (the high watermark
 * or last stable offset: records above it may still be truncated), or the base of the first dirty segment holding a
 * record newer than {@code min.compaction.lag.ms}. A segment counts as clean if it ends at or before {@code
 * firstDirty}, dirty if it overlaps {@code [firstDirty, firstUncleanable)}.
 *
 * @param log the log
 * @param segments the log's inactive segments when the snapshot was taken, in offset order
 * @param firstDirtyOffset the first offset not yet compacted
 * @param firstUncleanableOffset the first offset this pass may not compact
 * @param cleanBytes bytes of clean segments
 * @param dirtyBytes bytes of cleanable dirty segments
 */
record LogToClean(
        Log log,
        List<SourceSegment> segments,
        long firstDirtyOffset,
        long firstUncleanableOffset,
        long cleanBytes,
        long dirtyBytes) {

    /**
     * A segment as the snapshot saw it.
     *
     * @param segment the segment
     * @param size its size then; inactive segments do not grow, so a different size later means it was truncated
     * @param nextOffset the next segment's base offset: this one's offsets end before it
     */
    record SourceSegment(LogSegment segment, int size, long nextOffset) {
        long baseOffset() {
            return segment.baseOffset();
        }
    }

    LogToClean {
        segments = List.copyOf(segments);
    }

    /**
     * Takes a snapshot of {@code log}, whose compaction has reached {@code firstDirtyOffset} and may not go past {@code
     * maxCleanableOffset}. Needs no lock: the
     * snapshot's last segment is treated as active, and the cleaner checks under the log's lock, before it swaps, that
     * the segments it cleaned are still in place and unchanged.
     *
     * @throws StorageException if a segment's time cannot be read
     */
    static LogToClean of(Log log, long firstDirtyOffset, long maxCleanableOffset, long nowMs) {
        List<LogSegment> all = log.segments();
        LogConfig config = log.config();
        long lagLimit = nowMs - config.minCompactionLag().toMillis();
        List<SourceSegment> inactive = new ArrayList<>(Math.max(0, all.size() - 1));
        long firstUncleanable = Math.min(all.get(all.size() - 1).baseOffset(), maxCleanableOffset);
        long cleanBytes = 0;
        long dirtyBytes = 0;
        for (int i = 0; i < all.size() - 1; i++) {
            LogSegment segment = all.get(i);
            SourceSegment source = new SourceSegment(
                    segment, segment.sizeInBytes(), all.get(i + 1).baseOffset());
            inactive.add(source);
            if (source.nextOffset() <= firstDirtyOffset) {
                cleanBytes += source.size();
            } else if (segment.baseOffset() < firstUncleanable) {
                if (config.minCompactionLag().isZero() || largestTimestamp(log, segment) <= lagLimit) {
                    dirtyBytes += source.size();
                } else {
                    firstUncleanable = segment.baseOffset();
                }
            }
        }
        return new LogToClean(
                log, inactive, firstDirtyOffset, Math.max(firstDirtyOffset, firstUncleanable), cleanBytes, dirtyBytes);
    }

    private static long largestTimestamp(Log log, LogSegment segment) {
        try {
            return segment.largestTimestamp();
        } catch (IOException e) {
            throw new StorageException(
                    "cannot read the time of a segment of " + log.topicPartition() + ": " + e.getMessage(), e);
        }
    }

    /** Dirty share of the log's inactive bytes: {@code dirty / (clean + dirty)}. */
    double dirtyRatio() {
        long total = cleanBytes + dirtyBytes;
        return total == 0 ? 0.0 : (double) dirtyBytes / total;
    }
}
