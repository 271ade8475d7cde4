package io.runnel.protocol.types;

import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.Records;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Writes Kafka's primitive types, big-endian, into a growing heap buffer, and record batches by reference.
 *
 * <p>The output is a sequence of parts meant for a gathering write: the bytes this writer produced, interleaved with
 * the record batches of {@link #writeCompactRecords}, which are never copied. In-memory records become buffer parts
 * ({@link #buffers()}); a file region ({@link FileRecords}, as a broker answers a fetch) stays a region, handed to
 * {@link #writeTo(OutputSink)} for a zero-copy send. Record parts are borrowed from the message being written: their
 * owner must keep them unchanged (and a file region's channel open) until the output has been written to the
 * network. {@link #toByteBuffer()} concatenates everything into one buffer, copying, for tests and small messages.
 *
 * <p>Not thread-safe: one writer per message, on one thread.
 */
public final class ProtocolWriter {
    private static final int INITIAL_CAPACITY = 256;

    /** Finished parts, in order: {@link ByteBuffer}s and {@link FileRecords} regions. */
    private final List<Object> done = new ArrayList<>();

    private boolean hasFileRegions;
    private ByteBuffer current = ByteBuffer.allocate(INITIAL_CAPACITY);
    private int size;

    /** The number of bytes written so far, records included. */
    public int size() {
        return size;
    }

    public void writeInt8(byte value) {
        ensure(1).put(value);
        size += 1;
    }

    public void writeInt16(short value) {
        ensure(2).putShort(value);
        size += 2;
    }

    /**
     * @throws IllegalArgumentException if {@code value} is outside {@code [0, 65535]}
     */
    public void writeUint16(int value) {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("uint16 value must be in [0, 65535]: " + value);
        }
        writeInt16((short) value);
    }

    public void writeInt32(int value) {
        ensure(4).putInt(value);
        size += 4;
    }

    /**
     * @throws IllegalArgumentException if {@code value} is outside {@code [0, 2^32 - 1]}
     */
    public void writeUint32(long value) {
        if (value < 0 || value > 0xffffffffL) {
            throw new IllegalArgumentException("uint32 value must be in [0, 4294967295]: " + value);
        }
        writeInt32((int) value);
    }

    public void writeInt64(long value) {
        ensure(8).putLong(value);
        size += 8;
    }

    public void writeFloat64(double value) {
        ensure(8).putDouble(value);
        size += 8;
    }

    public void writeBool(boolean value) {
        writeInt8(value ? (byte) 1 : (byte) 0);
    }

    public void writeUuid(UUID value) {
        ensure(16).putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
        size += 16;
    }

    /** An unsigned varint: 7 bits a byte, low bits first, high bit set on all but the last byte. */
    public void writeUnsignedVarint(int value) {
        ByteBuffer out = ensure(5);
        int v = value;
        int start = out.position();
        while ((v & 0xffffff80) != 0) {
            out.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
        size += out.position() - start;
    }

    /**
     * A non-null compact string.
     *
     * @throws IllegalArgumentException if it is longer than {@link ProtocolReader#MAX_STRING_LENGTH} UTF-8 bytes
     */
    public void writeCompactString(String value) {
        byte[] bytes = utf8(value);
        writeUnsignedVarint(bytes.length + 1);
        writeRaw(bytes);
    }

    /** A compact string or null (written as length + 1 = 0). */
    public void writeCompactNullableString(@Nullable String value) {
        if (value == null) {
            writeUnsignedVarint(0);
        } else {
            writeCompactString(value);
        }
    }

    /** A classic nullable string: int16 length (-1 = null), then UTF-8. */
    public void writeNullableString(@Nullable String value) {
        if (value == null) {
            writeInt16((short) -1);
            return;
        }
        writeString(value);
    }

    /**
     * A classic non-null string: int16 length, then UTF-8.
     *
     * @throws IllegalArgumentException if its UTF-8 form is longer than 32,767 bytes, which an int16 cannot state
     */
    public void writeString(String value) {
        byte[] bytes = utf8(value);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "a classic string holds at most " + Short.MAX_VALUE + " bytes of UTF-8: " + bytes.length);
        }
        writeInt16((short) bytes.length);
        writeRaw(bytes);
    }

    /** Compact bytes: the remaining bytes of {@code value} (copied; bytes fields are small), position unchanged. */
    public void writeCompactBytes(ByteBuffer value) {
        writeUnsignedVarint(value.remaining() + 1);
        ByteBuffer out = ensure(value.remaining());
        out.put(value.duplicate());
        size += value.remaining();
    }

    /** Classic bytes: int32 length, then the remaining bytes of {@code value} (copied), position unchanged. */
    public void writeBytes(ByteBuffer value) {
        writeInt32(value.remaining());
        ByteBuffer out = ensure(value.remaining());
        out.put(value.duplicate());
        size += value.remaining();
    }

    /**
     * Nullable compact bytes holding record batches. The batches are not copied: the output refers to the records'
     * buffer, which the caller must keep unchanged until the output has been written.
     */
    public void writeCompactRecords(@Nullable Records records) {
        if (records == null) {
            writeUnsignedVarint(0);
            return;
        }
        int length = records.sizeInBytes();
        writeUnsignedVarint(length + 1);
        if (length == 0) {
            return;
        }
        if (records instanceof MemoryRecords memory) {
            appendBuffer(memory.buffer());
            return;
        }
        flushCurrent(); // the sealed Records' other kind: a file region, kept as a region
        done.add((FileRecords) records);
        hasFileRegions = true;
        size += length;
    }

    /** The element count of a compact array, or -1 for a null array. */
    public void writeCompactArrayLength(int count) {
        writeUnsignedVarint(count + 1);
    }

    /** A classic array's int32 element count, or -1 for null. */
    public void writeArrayLength(int count) {
        writeInt32(count);
    }

    /** One tagged field: its tag, the size of its value, and the value that {@code value} writes. */
    public void writeTaggedField(int tag, Consumer<ProtocolWriter> value) {
        ProtocolWriter inner = new ProtocolWriter();
        value.accept(inner);
        writeUnsignedVarint(tag);
        writeUnsignedVarint(inner.size());
        for (ByteBuffer buffer : inner.buffers()) {
            appendBuffer(buffer);
        }
    }

    /**
     * The output so far, in order, as read-only buffers for a gathering write. Calling this ends the current chunk;
     * writing may continue afterwards.
     *
     * @throws IllegalStateException if the output holds a file region: use {@link #writeTo(OutputSink)}
     */
    public List<ByteBuffer> buffers() {
        if (hasFileRegions) {
            throw new IllegalStateException("the output holds file regions; write it with writeTo(OutputSink)");
        }
        flushCurrent();
        List<ByteBuffer> result = new ArrayList<>(done.size());
        for (Object part : done) {
            result.add(((ByteBuffer) part).asReadOnlyBuffer());
        }
        return result;
    }

    /**
     * Hands the output so far to {@code sink}, in order: buffers (read-only) and file regions. Calling this ends the
     * current chunk; writing may continue afterwards.
     */
    public void writeTo(OutputSink sink) {
        flushCurrent();
        for (Object part : done) {
            if (part instanceof ByteBuffer buffer) {
                sink.bytes(buffer.asReadOnlyBuffer());
            } else {
                sink.fileRegion((FileRecords) part);
            }
        }
    }

    /**
     * The output so far in one new heap buffer (position 0, limit = size), copying everything, file regions
     * included (read from their files).
     */
    public ByteBuffer toByteBuffer() {
        ByteBuffer all = ByteBuffer.allocate(size);
        writeTo(new OutputSink() {
            @Override
            public void bytes(ByteBuffer buffer) {
                all.put(buffer);
            }

            @Override
            public void fileRegion(FileRecords region) {
                all.put(region.toMemoryRecords().buffer());
            }
        });
        return all.flip();
    }

    /** Receives a writer's output in order: bytes, and regions of segment files to send with zero copy. */
    public interface OutputSink {
        /** The next bytes; the buffer is a read-only view the sink may keep until the output is written. */
        void bytes(ByteBuffer buffer);

        /** The next bytes as a region of a file; the region's file must stay open until it is written. */
        void fileRegion(FileRecords region);
    }

    private void writeRaw(byte[] bytes) {
        ensure(bytes.length).put(bytes);
        size += bytes.length;
    }

    private void appendBuffer(ByteBuffer buffer) {
        if (buffer.remaining() <= 64) {
            ensure(buffer.remaining()).put(buffer.duplicate());
        } else {
            flushCurrent();
            done.add(buffer.duplicate());
        }
        size += buffer.remaining();
    }

    private void flushCurrent() {
        if (current.position() > 0) {
            done.add(current.flip());
            current = ByteBuffer.allocate(INITIAL_CAPACITY);
        }
    }

    private ByteBuffer ensure(int bytes) {
        if (current.remaining() < bytes) {
            int used = current.position();
            int capacity = Math.max(current.capacity() * 2, used + bytes);
            ByteBuffer bigger = ByteBuffer.allocate(capacity);
            bigger.put(current.flip());
            current = bigger;
        }
        return current;
    }

    private static byte[] utf8(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > ProtocolReader.MAX_STRING_LENGTH) {
            throw new IllegalArgumentException("string of " + bytes.length
                    + " UTF-8 bytes exceeds the protocol's limit of " + ProtocolReader.MAX_STRING_LENGTH);
        }
        return bytes;
    }
}
