package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A heap buffer that grows by doubling up to a cap, writable as an {@link OutputStream}. The builder writes batches
 * into one and the codecs decompress into one; both reuse it across batches so that steady state allocates nothing.
 * Not thread-safe.
 */
final class GrowableBuffer extends OutputStream {
    private final int maxCapacity;
    private ByteBuffer buffer;

    GrowableBuffer(int initialCapacity, int maxCapacity) {
        if (initialCapacity < 0 || maxCapacity < initialCapacity) {
            throw new IllegalArgumentException(
                    "capacities must satisfy 0 <= initial <= max: " + initialCapacity + ", " + maxCapacity);
        }
        this.maxCapacity = maxCapacity;
        this.buffer = ByteBuffer.allocate(initialCapacity);
    }

    /** The underlying buffer; its position is the write position. Replaced when the buffer grows. */
    ByteBuffer buffer() {
        return buffer;
    }

    int position() {
        return buffer.position();
    }

    void clear() {
        buffer.clear();
    }

    /** Makes room for {@code bytes} more bytes after the position. */
    void ensureRemaining(int bytes) {
        if (buffer.remaining() >= bytes) {
            return;
        }
        long needed = (long) buffer.position() + bytes;
        if (needed > maxCapacity) {
            throw new CorruptRecordException(
                    "record data would need " + needed + " bytes, more than the limit of " + maxCapacity);
        }
        long newCapacity = Math.max(needed, Math.min((long) maxCapacity, Math.max(64L, 2L * buffer.capacity())));
        ByteBuffer grown = ByteBuffer.allocate((int) newCapacity);
        buffer.flip();
        grown.put(buffer);
        buffer = grown;
    }

    @Override
    public void write(int b) {
        ensureRemaining(1);
        buffer.put((byte) b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        ensureRemaining(length);
        buffer.put(bytes, offset, length);
    }

    void write(ByteBuffer source) {
        ensureRemaining(source.remaining());
        buffer.put(source);
    }
}
