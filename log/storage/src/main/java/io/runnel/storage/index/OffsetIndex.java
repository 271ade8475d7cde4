package io.runnel.storage.index;

import io.runnel.common.errors.CorruptRecordException;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.file.Path;

/**
 * Maps offsets to byte positions in a segment's {@code .log} file, sparsely: one entry every {@code
 * index.interval.bytes} of batches. Kafka's format:
 *
 * <pre>
 *   entry (8 bytes, big-endian):
 *     relativeOffset  int32   a batch's last offset minus the segment's base offset
 *     position        int32   the byte position of that batch in the .log file
 * </pre>
 *
 * <p>Entries are strictly increasing in both fields. {@link #lookup(long)} finds the last entry at or below an offset:
 * the batch holding the offset is at or after that position, so a reader scans forward from there.
 *
 * <p>Thread-safety: see {@link MappedIndex}.
 */
public final class OffsetIndex extends MappedIndex {
    public static final int ENTRY_SIZE = 8;

    public OffsetIndex(Path file, long baseOffset, int maxIndexSize) throws IOException {
        super(file, baseOffset, maxIndexSize, ENTRY_SIZE);
    }

    /**
     * A position to start scanning from for {@code targetOffset}: the largest indexed offset {@code <= targetOffset},
     * or the segment's base offset at position 0.
     */
    public OffsetPosition lookup(long targetOffset) {
        return read((buffer, entries) -> {
            int slot = largestLowerBound(buffer, entries, targetOffset - baseOffset, OffsetIndex::relativeOffset);
            return slot < 0 ? new OffsetPosition(baseOffset, 0) : entry(buffer, slot);
        });
    }

    /** The last entry, or the base offset at position 0 if the index is empty. */
    public OffsetPosition lastEntry() {
        return read((buffer, entries) -> entries == 0 ? new OffsetPosition(baseOffset, 0) : entry(buffer, entries - 1));
    }

    /** Entry {@code n}. */
    public OffsetPosition entry(int n) {
        return read((buffer, entries) -> {
            if (n < 0 || n >= entries) {
                throw new IndexOutOfBoundsException("entry " + n + " of " + entries);
            }
            return entry(buffer, n);
        });
    }

    /**
     * Appends an entry. Offsets and positions must increase.
     *
     * @throws IllegalArgumentException if they do not, or the index is full
     */
    public void append(long offset, int position) {
        write((buffer, entries) -> {
            if (entries >= maxEntries()) {
                throw new IllegalArgumentException("index " + file() + " is full (" + entries + " entries)");
            }
            long relative = offset - baseOffset;
            if (relative < 0 || relative > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "offset " + offset + " does not fit index with base offset " + baseOffset);
            }
            if (entries > 0) {
                OffsetPosition last = entry(buffer, entries - 1);
                if (offset <= last.offset() || position <= last.position()) {
                    throw new IllegalArgumentException("index entry (" + offset + ", " + position
                            + ") does not follow the last entry " + last + " in " + file());
                }
            }
            buffer.putInt(entries * ENTRY_SIZE, (int) relative);
            buffer.putInt(entries * ENTRY_SIZE + 4, position);
            return entries + 1;
        });
    }

    /** Removes the entries for offsets {@code >= offset}. */
    public void truncateTo(long offset) {
        write((buffer, entries) -> {
            int slot = largestLowerBound(buffer, entries, offset - baseOffset, OffsetIndex::relativeOffset);
            if (slot < 0) {
                return 0;
            }
            return relativeOffset(buffer, slot) == offset - baseOffset ? slot : slot + 1;
        });
    }

    @Override
    public void sanityCheck() {
        read((buffer, entries) -> {
            for (int i = Math.max(1, entries - 2); i < entries; i++) {
                OffsetPosition previous = entry(buffer, i - 1);
                OffsetPosition current = entry(buffer, i);
                if (current.offset() <= previous.offset() || current.position() <= previous.position()) {
                    throw new CorruptRecordException("corrupt offset index " + file() + ": entry " + i + " " + current
                            + " does not follow " + previous);
                }
            }
            return Boolean.TRUE;
        });
    }

    private OffsetPosition entry(MappedByteBuffer buffer, int n) {
        return new OffsetPosition(baseOffset + relativeOffset(buffer, n), buffer.getInt(n * ENTRY_SIZE + 4));
    }

    private static long relativeOffset(MappedByteBuffer buffer, int n) {
        return buffer.getInt(n * ENTRY_SIZE);
    }
}
