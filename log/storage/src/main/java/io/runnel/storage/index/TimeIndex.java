package io.runnel.storage.index;

import io.runnel.common.errors.CorruptRecordException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Maps timestamps to offsets in a segment, sparsely, for {@code ListOffsets} by time and for time retention. Kafka's
 * format:
 *
 * <pre>
 *   entry (12 bytes, big-endian):
 *     timestamp       int64   the largest timestamp seen so far in the segment
 *     relativeOffset  int32   the offset of the record with that timestamp, minus the base offset
 * </pre>
 *
 * <p>Entries only grow in timestamp: an entry is appended when the segment's max timestamp has increased since the
 * last. {@link #lookup(long)} finds the last entry at or below a timestamp; the first record with a timestamp {@code
 * >= target} is at or after that entry's offset.
 *
 * <p>Thread-safety: see {@link MappedIndex}.
 */
public final class TimeIndex extends MappedIndex {
    public static final int ENTRY_SIZE = 12;

    public TimeIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    /** The last entry with timestamp {@code <= target}, or (-1, base offset) if none. */
    public TimestampOffset lookup(long targetTimestamp) {
        return read((buffer, entries) -> {
            int slot = largestLowerBound(buffer, entries, targetTimestamp, TimeIndex::timestamp);
            return slot < 0 ? new TimestampOffset(-1L, baseOffset) : entry(buffer, slot);
        });
    }

    /** The last entry, or (-1, base offset) if the index is empty. */
    public TimestampOffset lastEntry() {
        return read(
                (buffer, entries) -> entries == 0 ? new TimestampOffset(-1L, baseOffset) : entry(buffer, entries - 1));
    }

    /**
     * Appends an entry if {@code timestamp} is larger than the last entry's (unless {@code force} on a segment that
     * is being closed and whose last entry has the same timestamp with a smaller offset is pointless: then nothing
     * is written either).
     *
     * @throws IllegalArgumentException if the offset goes backwards, or the index is full
     */
    public void maybeAppend(long timestamp, long offset) {
        write((buffer, entries) -> {
            if (entries > 0) {
                TimestampOffset last = entry(buffer, entries - 1);
                if (timestamp <= last.timestamp()) {
                    return entries;
                }
                if (offset < last.offset()) {
                    throw new IllegalArgumentException("time index entry (" + timestamp + ", " + offset
                            + ") goes back from " + last + " in " + file());
                }
            }
            if (entries >= maxEntries()) {
                throw new IllegalArgumentException("index " + file() + " is full (" + entries + " entries)");
            }
            long relative = offset - baseOffset;
            if (relative < 0 || relative > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "offset " + offset + " does not fit index with base offset " + baseOffset);
            }
            buffer.putLong(entries * ENTRY_SIZE, timestamp);
            buffer.putInt(entries * ENTRY_SIZE + 8, (int) relative);
            return entries + 1;
        });
    }

    /** Removes the entries for offsets {@code >= offset}. */
    public void truncateTo(long offset) {
        write((buffer, entries) -> {
            int kept = entries;
            while (kept > 0 && entry(buffer, kept - 1).offset() >= offset) {
                kept--;
            }
            return kept;
        });
    }

    @Override
    public void sanityCheck() {
        read((buffer, entries) -> {
            for (int i = Math.max(1, entries - 2); i < entries; i++) {
                TimestampOffset previous = entry(buffer, i - 1);
                TimestampOffset current = entry(buffer, i);
                if (current.timestamp() <= previous.timestamp() || current.offset() < previous.offset()) {
                    throw new CorruptRecordException("corrupt time index " + file() + ": entry " + i + " " + current
                            + " does not follow " + previous);
                }
            }
            return Boolean.TRUE;
        });
    }

    private TimestampOffset entry(MappedByteBuffer buffer, int n) {
        return new TimestampOffset(timestamp(buffer, n), baseOffset + buffer.getInt(n * ENTRY_SIZE + 8));
    }

    private static long timestamp(MappedByteBuffer buffer, int n) {
        return buffer.getLong(n * ENTRY_SIZE);
    }
}
