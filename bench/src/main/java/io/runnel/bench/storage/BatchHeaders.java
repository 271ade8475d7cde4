package io.runnel.bench.storage;

import java.nio.ByteBuffer;

/**
 * Walks the batch headers of bytes read from a log, to find where the next sequential read starts. A read may end in
 * a partial batch (Kafka cuts at the byte limit); the walk stops before it, so that batch is read again, whole, by
 * the next read, and its bytes are not counted twice.
 *
 * <p>Header fields used, big-endian: {@code baseOffset} (int64 at 0), {@code batchLength} (int32 at 8, bytes after
 * this field), {@code lastOffsetDelta} (int32 at 23), {@code recordCount} (int32 at 57).
 *
 * <p>Not thread-safe; reused by one benchmark thread.
 */
final class BatchHeaders {
    private static final int LENGTH_OFFSET = 8;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int RECORD_COUNT_OFFSET = 57;
    private static final int LOG_OVERHEAD = 12;
    private static final int HEADER_SIZE = 61;

    private int wholeBytes;
    private int records;
    private long nextOffset;

    /**
     * Walks {@code bytes} from position 0 to its limit.
     *
     * @param startOffset the offset the read started at, the answer when no whole batch was read
     */
    void walk(ByteBuffer bytes, long startOffset) {
        int position = 0;
        int limit = bytes.limit();
        int count = 0;
        long next = startOffset;
        while (limit - position >= HEADER_SIZE) {
            int size = bytes.getInt(position + LENGTH_OFFSET) + LOG_OVERHEAD;
            if (size > limit - position) {
                break;
            }
            next = bytes.getLong(position) + bytes.getInt(position + LAST_OFFSET_DELTA_OFFSET) + 1;
            count += bytes.getInt(position + RECORD_COUNT_OFFSET);
            position += size;
        }
        this.wholeBytes = position;
        this.records = count;
        this.nextOffset = next;
    }

    /** Bytes of whole batches in the last walk. */
    int wholeBytes() {
        return wholeBytes;
    }

    /** Records in the whole batches of the last walk. */
    int records() {
        return records;
    }

    /** The offset after the last whole batch of the last walk. */
    long nextOffset() {
        return nextOffset;
    }
}
