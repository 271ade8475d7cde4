package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A sequence of record batches in a buffer, as in a produce request or a fetch response. Iterating creates one
 * {@link RecordBatch} view per batch and copies nothing.
 *
 * <p>A fetch response may end in a partial batch (the broker cuts at a byte limit); {@link #iterator()} stops before
 * it, as Kafka's clients do. {@link #validateForAppend()} is the strict check a log applies before it accepts data.
 *
 * <p>Not thread-safe; the bytes must not change while they are viewed.
 */
public final class MemoryRecords implements Records, Iterable<RecordBatch> {
    private final ByteBuffer buffer;

    private MemoryRecords(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** A view of {@code buffer} from its position to its limit. The buffer's position is not changed. */
    public static MemoryRecords wrap(ByteBuffer buffer) {
        return new MemoryRecords(buffer.slice());
    }

    /** The viewed bytes, read-only, from position 0. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /**
     * The viewed bytes, writable, for a log append: the log rewrites each batch's base offset, leader epoch and (under
     * {@code LogAppendTime}) timestamp in place. Calling this hands the bytes over to the log.
     */
    public ByteBuffer bufferForAppend() {
        return buffer.duplicate();
    }

    @Override
    public int sizeInBytes() {
        return buffer.limit();
    }

    /** Returns {@code this}. */
    @Override
    public MemoryRecords toMemoryRecords() {
        return this;
    }

    /**
     * Iterates the complete batches, stopping before a trailing partial batch.
     *
     * @throws CorruptRecordException from {@link Iterator#next()} if a batch header claims an impossible length
     */
    @Override
    public Iterator<RecordBatch> iterator() {
        return new Iterator<>() {
            private int position;

            @Override
            public boolean hasNext() {
                int remaining = buffer.limit() - position;
                if (remaining < RecordBatch.HEADER_SIZE) {
                    return false;
                }
                return RecordBatch.sizeOf(buffer, position) <= remaining;
            }

            @Override
            public RecordBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                RecordBatch batch = RecordBatch.wrapAt(buffer, position);
                position += batch.sizeInBytes();
                return batch;
            }
        };
    }

    /**
     * Checks the data the way a log does before appending it: the buffer holds one or more whole batches and nothing
     * else, and every batch passes {@link RecordBatch#ensureValidRecords()}.
     *
     * @return a summary of the batches
     * @throws CorruptRecordException naming the first problem, with its byte position
     */
    public AppendInfo validateForAppend() {
        int position = 0;
        int batches = 0;
        long records = 0;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        long firstOffset = -1;
        long lastOffset = -1;
        int limit = buffer.limit();
        if (limit == 0) {
            throw new CorruptRecordException("no record batches: the data is empty");
        }
        while (position < limit) {
            int remaining = limit - position;
            if (remaining < RecordBatch.HEADER_SIZE) {
                throw new CorruptRecordException("trailing " + remaining + " bytes at position " + position
                        + " are too short for a record batch header");
            }
            RecordBatch batch;
            try {
                batch = RecordBatch.wrapAt(buffer, position);
                batch.ensureValidRecords();
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException(
                        "record batch at byte position " + position + " is invalid: " + e.getMessage(), e);
            }
            if (firstOffset < 0) {
                firstOffset = batch.baseOffset();
            }
            lastOffset = batch.lastOffset();
            maxTimestamp = Math.max(maxTimestamp, batch.maxTimestamp());
            records += batch.recordCount();
            batches++;
            position += batch.sizeInBytes();
        }
        return new AppendInfo(batches, records, firstOffset, lastOffset, maxTimestamp);
    }

    /**
     * What {@link #validateForAppend()} found.
     *
     * @param batchCount number of batches
     * @param recordCount number of records in all batches
     * @param firstOffset the first batch's base offset as sent
     * @param lastOffset the last batch's last offset as sent
     * @param maxTimestamp the largest max timestamp of the batches
     */
    public record AppendInfo(int batchCount, long recordCount, long firstOffset, long lastOffset, long maxTimestamp) {}

    @Override
    public String toString() {
        return "MemoryRecords(size=" + sizeInBytes() + ")";
    }
}
