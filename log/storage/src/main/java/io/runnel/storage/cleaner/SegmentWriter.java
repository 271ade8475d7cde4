package io.runnel.storage.cleaner;

import io.runnel.records.RecordBatch;
import io.runnel.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/**
 * Buffers the batches a cleaner keeps and appends them to the cleaned segment a buffer-full at a time, with the
 * largest offset and timestamp that {@link LogSegment#append} indexes by.
 *
 * <p>Not thread-safe: owned by one cleaner thread, reused from segment to segment.
 */
final class SegmentWriter {
    private ByteBuffer buffer;
    private @Nullable LogSegment segment;
    private long nextOffset;
    private long lastOffset;
    private long maxTimestamp;
    private long offsetOfMaxTimestamp;

    SegmentWriter(int capacity) {
        this.buffer = ByteBuffer.allocate(capacity);
    }

    /** Starts writing to {@code target}, an empty segment. */
    void start(LogSegment target) {
        this.segment = target;
        this.nextOffset = target.baseOffset();
        buffer.clear();
        resetPending();
    }

    /** The offset after the last batch added, or the segment's base offset if none was. */
    long nextOffset() {
        return nextOffset;
    }

    /** Adds one whole batch (position 0 to limit); its offsets must follow the previous batch's. */
    void add(ByteBuffer batch) throws IOException {
        int size = batch.remaining();
        if (buffer.remaining() < size) {
            flush();
            if (buffer.capacity() < size) {
                buffer = ByteBuffer.allocate(size);
            }
        }
        RecordBatch header = RecordBatch.wrap(batch);
        long batchLastOffset = header.lastOffset();
        long batchMaxTimestamp = header.maxTimestamp();
        buffer.put(batch.duplicate());
        lastOffset = batchLastOffset;
        nextOffset = batchLastOffset + 1;
        if (batchMaxTimestamp > maxTimestamp) {
            maxTimestamp = batchMaxTimestamp;
            offsetOfMaxTimestamp = batchLastOffset;
        }
    }

    /** Appends what is buffered. */
    void finish() throws IOException {
        flush();
    }

    private void flush() throws IOException {
        LogSegment target = segment;
        if (target == null) {
            throw new IllegalStateException("no segment started");
        }
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        target.append(lastOffset, maxTimestamp, offsetOfMaxTimestamp, buffer);
        buffer.clear();
        resetPending();
    }

    private void resetPending() {
        maxTimestamp = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestamp = -1L;
    }
}
