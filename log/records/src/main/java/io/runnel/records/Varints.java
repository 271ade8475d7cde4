package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers as used by record batch v2 (the encoding of protocol buffers' {@code sint32} and
 * {@code sint64}). Reads fail with {@link CorruptRecordException} on an encoding that is too long or runs off the end
 * of the buffer; they never return garbage.
 */
final class Varints {
    private Varints() {}

    static int sizeOfVarint(int value) {
        int v = (value << 1) ^ (value >> 31);
        int bytes = 1;
        while ((v & 0xffffff80) != 0) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static int sizeOfVarlong(long value) {
        long v = (value << 1) ^ (value >> 63);
        int bytes = 1;
        while ((v & 0xffffffffffffff80L) != 0L) {
            bytes++;
            v >>>= 7;
        }
        return bytes;
    }

    static void writeVarint(int value, ByteBuffer buffer) {
        int v = (value << 1) ^ (value >> 31);
        while ((v & 0xffffff80) != 0) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    static void writeVarlong(long value, ByteBuffer buffer) {
        long v = (value << 1) ^ (value >> 63);
        while ((v & 0xffffffffffffff80L) != 0L) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    /** Reads a varint at the buffer's position and advances it. */
    static int readVarint(ByteBuffer buffer) {
        try {
            int raw = 0;
            int shift = 0;
            byte b;
            do {
                if (shift > 28) {
                    throw new CorruptRecordException("varint is longer than 5 bytes");
                }
                b = buffer.get();
                raw |= (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return (raw >>> 1) ^ -(raw & 1);
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("varint runs past the end of the record", e);
        }
    }

    /** Reads a varlong at the buffer's position and advances it. */
    static long readVarlong(ByteBuffer buffer) {
        try {
            long raw = 0L;
            int shift = 0;
            byte b;
            do {
                if (shift > 63) {
                    throw new CorruptRecordException("varlong is longer than 10 bytes");
                }
                b = buffer.get();
                raw |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            return (raw >>> 1) ^ -(raw & 1);
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("varlong runs past the end of the record", e);
        }
    }
}
