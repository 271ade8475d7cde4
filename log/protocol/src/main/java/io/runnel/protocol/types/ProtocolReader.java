package io.runnel.protocol.types;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads Kafka's primitive types from a buffer, big-endian, advancing a cursor. Every read checks the bytes that remain
 * first and fails with {@link InvalidRequestException}, naming the field and position, rather than letting an
 * {@code IndexOutOfBoundsException} or a huge allocation escape. Lengths and element counts are checked against the
 * bytes that remain before anything is allocated, so a hostile length costs nothing.
 *
 * <p>Variable-length values are views: {@link #readCompactBytes} and {@link #readCompactRecords} return read-only
 * slices of the underlying buffer and copy nothing. The caller that supplied the buffer owns it and must keep its bytes
 * unchanged for as long as the decoded message is in use.
 *
 * <p>Not thread-safe: one reader per message, on one thread.
 */
public final class ProtocolReader {
    /** Kafka's zero UUID, the default (and "none") value of UUID fields. */
    public static final UUID ZERO_UUID = new UUID(0L, 0L);

    /** The default value of a bytes field: no bytes. */
    public static final ByteBuffer EMPTY_BYTES = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /** Kafka refuses strings longer than this many UTF-8 bytes, both ways. */
    public static final int MAX_STRING_LENGTH = Short.MAX_VALUE;

    private final ByteBuffer buffer;

    private ProtocolReader(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /** A reader of {@code buffer}'s bytes from its position to its limit; the buffer itself is not moved. */
    public static ProtocolReader of(ByteBuffer buffer) {
        return new ProtocolReader(buffer.slice());
    }

    /** Bytes not yet read. */
    public int remaining() {
        return buffer.remaining();
    }

    /** Bytes read so far. */
    public int position() {
        return buffer.position();
    }

    public byte readInt8() {
        require(1, "int8");
        return buffer.get();
    }

    public short readInt16() {
        require(2, "int16");
        return buffer.getShort();
    }

    public int readUint16() {
        require(2, "uint16");
        return buffer.getShort() & 0xffff;
    }

    public int readInt32() {
        require(4, "int32");
        return buffer.getInt();
    }

    public long readUint32() {
        require(4, "uint32");
        return buffer.getInt() & 0xffffffffL;
    }

    public long readInt64() {
        require(8, "int64");
        return buffer.getLong();
    }

    public double readFloat64() {
        require(8, "float64");
        return buffer.getDouble();
    }

    /** A boolean: any non-zero byte is true, as Kafka reads it. */
    public boolean readBool() {
        return readInt8() != 0;
    }

    public UUID readUuid() {
        require(16, "uuid");
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    /**
     * An unsigned varint (protocol buffers' {@code uint32}, at most 5 bytes), as lengths, counts and tags use, limited to
     * {@code [0, 2^31 - 1]}.
     */
    public int readUnsignedVarint() {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            if (!buffer.hasRemaining()) {
                throw malformed("unsigned varint runs past the end of the data");
            }
            byte b = buffer.get();
            if (shift == 28 && (b & 0xf8) != 0) {
                // Kafka writes no length, count or tag of 2^31 or more; refusing them keeps every result >= 0.
                throw malformed("unsigned varint exceeds 2^31 - 1");
            }
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw malformed("unsigned varint is longer than 5 bytes");
    }

    /** A non-null compact string: unsigned varint of length + 1, then UTF-8. */
    public String readCompactString(String field) {
        String value = readCompactNullableString(field);
        if (value == null) {
            throw nullNotAllowed(field);
        }
        return value;
    }

    /** A compact string that may be null (length + 1 = 0). */
    public @Nullable String readCompactNullableString(String field) {
        int length = readUnsignedVarint() - 1;
        if (length < 0) {
            return null;
        }
        if (length > MAX_STRING_LENGTH) {
            throw malformed(field + ": string length " + length + " exceeds " + MAX_STRING_LENGTH);
        }
        return readUtf8(length, field);
    }

    /** A classic nullable string (int16 length, -1 = null), as the client id of request headers v1 and v2 uses. */
    public @Nullable String readNullableString(String field) {
        short length = readInt16();
        if (length < 0) {
            if (length != -1) {
                throw malformed(field + ": negative string length " + length);
            }
            return null;
        }
        return readUtf8(length, field);
    }

    /** A classic non-null string: int16 length, then UTF-8. */
    public String readString(String field) {
        String value = readNullableString(field);
        if (value == null) {
            throw nullNotAllowed(field);
        }
        return value;
    }

    /** Compact bytes (unsigned varint of length + 1, non-null) as a read-only view; nothing is copied. */
    public ByteBuffer readCompactBytes(String field) {
        int length = readUnsignedVarint() - 1;
        if (length < 0) {
            throw nullNotAllowed(field);
        }
        return readSlice(length, field).asReadOnlyBuffer();
    }

    /** Classic bytes (int32 length, non-null) as a read-only view; nothing is copied. */
    public ByteBuffer readBytes(String field) {
        int length = readInt32();
        if (length < 0) {
            throw nullNotAllowed(field);
        }
        return readSlice(length, field).asReadOnlyBuffer();
    }

    /** Nullable compact bytes holding record batches, as a view over this reader's buffer; nothing is copied. */
    public @Nullable MemoryRecords readCompactRecords(String field) {
        int length = readUnsignedVarint() - 1;
        if (length < 0) {
            return null;
        }
        return MemoryRecords.wrap(readSlice(length, field));
    }

    /**
     * The element count of a compact array (unsigned varint of count + 1), or -1 for null. The count is checked
     * against the bytes that remain, since every element takes at least one byte, so a caller can size a list by it.
     */
    public int readCompactArrayLength(String field) {
        int count = readUnsignedVarint() - 1;
        if (count > buffer.remaining()) {
            throw malformed(field + ": array of " + count + " elements cannot fit in the " + buffer.remaining()
                    + " bytes that remain");
        }
        return count;
    }

    /**
     * The element count of a classic array (int32 count, -1 = null), checked like {@link #readCompactArrayLength};
     * {@code minElementSize} is the fewest bytes one element can take.
     */
    public int readArrayLength(String field, int minElementSize) {
        int count = readInt32();
        if (count < -1) {
            throw malformed(field + ": negative array length " + count);
        }
        if ((long) count * minElementSize > buffer.remaining()) {
            throw malformed(field + ": array of " + count + " elements cannot fit in the " + buffer.remaining()
                    + " bytes that remain");
        }
        return count;
    }

    /**
     * The value of one tagged field (unsigned varint size, then the bytes) as a reader of its own, after the tag has
     * been read. This reader moves past the value, so an unknown tag is skipped by ignoring the returned reader.
     */
    public ProtocolReader readTaggedFieldValue() {
        int size = readUnsignedVarint();
        return new ProtocolReader(readSlice(size, "tagged field"));
    }

    /** Skips the value of one tagged field (its size, then that many bytes), after the tag has been read. */
    public void skipTaggedFieldValue() {
        readTaggedFieldValue();
    }

    /** Fails unless every byte has been read: a message or tagged field must not carry trailing bytes. */
    public void ensureFullyRead(String what) {
        if (buffer.hasRemaining()) {
            throw malformed(what + ": " + buffer.remaining() + " unexpected trailing bytes");
        }
    }

    /** The exception for a null where the schema allows none. */
    public InvalidRequestException nullNotAllowed(String field) {
        return malformed(field + ": null is not allowed");
    }

    private String readUtf8(int length, String field) {
        ByteBuffer bytes = readSlice(length, field);
        if (bytes.hasArray()) {
            return new String(bytes.array(), bytes.arrayOffset() + bytes.position(), length, StandardCharsets.UTF_8);
        }
        return StandardCharsets.UTF_8.decode(bytes).toString();
    }

    private ByteBuffer readSlice(int length, String field) {
        if (length < 0) {
            throw malformed(field + ": negative length " + length);
        }
        if (length > buffer.remaining()) {
            throw malformed(field + ": length " + length + " exceeds the " + buffer.remaining() + " bytes that remain");
        }
        ByteBuffer slice = buffer.slice().limit(length);
        buffer.position(buffer.position() + length);
        return slice;
    }

    private void require(int bytes, String type) {
        if (buffer.remaining() < bytes) {
            throw malformed(type + " needs " + bytes + " bytes but " + buffer.remaining() + " remain");
        }
    }

    private InvalidRequestException malformed(String reason) {
        return new InvalidRequestException("malformed message at byte " + buffer.position() + ": " + reason);
    }
}
