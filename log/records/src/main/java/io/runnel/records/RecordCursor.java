package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Walks the records of one batch without allocating per record: {@link #next()} parses the next record's framing and
 * the accessors read its fields; {@link #key()}, {@link #value()} and {@link #headers()} create views only when asked.
 * Every record is checked as it is parsed: its length, field sizes and header framing must agree exactly, and the
 * batch must hold exactly {@link RecordBatch#recordCount()} records.
 *
 * <p>Not thread-safe. Valid while the batch's bytes (or the decompression buffer) are.
 */
public final class RecordCursor {
    private final ByteBuffer records;
    private final long baseOffset;
    private final long baseTimestamp;
    private final long logAppendTime;
    private final int baseSequence;
    private int remaining;

    private long offsetDelta;
    private long timestampDelta;
    private int keyPosition;
    private int keySize;
    private int valuePosition;
    private int valueSize;
    private int headersPosition;
    private int headerCount;
    private boolean positioned;
    // Parse state of next(): the index of the next byte and the end of what may be read (the record's end once its
    // length is known). Parsing reads by absolute index and moves the buffer's position once per record.
    private int cursor;
    private int bound;

    private RecordCursor(ByteBuffer records, RecordBatch batch) {
        this.records = records;
        this.baseOffset = batch.baseOffset();
        this.baseTimestamp = batch.baseTimestamp();
        this.logAppendTime =
                batch.timestampType() == TimestampType.LOG_APPEND_TIME ? batch.maxTimestamp() : Long.MIN_VALUE;
        this.baseSequence = batch.baseSequence();
        this.remaining = batch.recordCount();
    }

    static RecordCursor of(RecordBatch batch, DecompressionBuffer scratch) {
        ByteBuffer raw = batch.rawBuffer();
        ByteBuffer body = raw.slice(RecordBatch.HEADER_SIZE, raw.limit() - RecordBatch.HEADER_SIZE);
        CompressionType compression = batch.compressionType();
        if (compression == CompressionType.NONE) {
            return new RecordCursor(body, batch);
        }
        GrowableBuffer out = scratch.growable();
        out.clear();
        Codecs.decompress(compression, body, out);
        ByteBuffer decompressed = out.buffer().duplicate().flip();
        return new RecordCursor(decompressed, batch);
    }

    /**
     * Advances to the next record.
     *
     * @return false when the batch has no more records
     * @throws CorruptRecordException if the record does not parse, or bytes are left after the last record
     */
    public boolean next() {
        if (remaining <= 0) {
            positioned = false;
            if (records.hasRemaining()) {
                throw new CorruptRecordException(records.remaining() + " bytes left after the last record of batch "
                        + baseOffset + "; record count is wrong");
            }
            return false;
        }
        if (!records.hasRemaining()) {
            throw new CorruptRecordException(
                    "batch " + baseOffset + " ends with " + remaining + " records still to read");
        }
        cursor = records.position();
        bound = records.limit();
        int length = readVarint();
        if (length <= 0 || length > bound - cursor) {
            throw new CorruptRecordException("record of batch " + baseOffset + " has invalid length " + length
                    + " with " + (bound - cursor) + " bytes left");
        }
        int end = cursor + length;
        bound = end;
        parseBody();
        if (cursor != end) {
            throw new CorruptRecordException(
                    "record of batch " + baseOffset + " has " + (end - cursor) + " unparsed bytes");
        }
        records.position(end);
        remaining--;
        positioned = true;
        return true;
    }

    private void parseBody() {
        readByte(); // attributes: unused in v2
        timestampDelta = readVarlong();
        offsetDelta = readVarint();
        keySize = readVarint();
        keyPosition = skipBytes(keySize, "key");
        valueSize = readVarint();
        valuePosition = skipBytes(valueSize, "value");
        headerCount = readVarint();
        if (headerCount < 0) {
            throw new CorruptRecordException("record of batch " + baseOffset + " has " + headerCount + " headers");
        }
        headersPosition = cursor;
        for (int i = 0; i < headerCount; i++) {
            int keyLength = readVarint();
            if (keyLength < 0) {
                throw new CorruptRecordException("header key of a record of batch " + baseOffset + " is null");
            }
            skipBytes(keyLength, "header key");
            skipBytes(readVarint(), "header value");
        }
    }

    private byte readByte() {
        if (cursor >= bound) {
            throw new CorruptRecordException("record of batch " + baseOffset + " is truncated");
        }
        return records.get(cursor++);
    }

    /** A zigzag varint of at most 5 bytes, as {@link Varints#readVarint}, read at {@link #cursor}. */
    private int readVarint() {
        int raw = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = readByte();
            raw |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            if (shift == 28) {
                throw new CorruptRecordException("varint is longer than 5 bytes");
            }
        }
    }

    /** A zigzag varlong of at most 10 bytes, as {@link Varints#readVarlong}, read at {@link #cursor}. */
    private long readVarlong() {
        long raw = 0L;
        for (int shift = 0; ; shift += 7) {
            byte b = readByte();
            raw |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return (raw >>> 1) ^ -(raw & 1);
            }
            if (shift == 63) {
                throw new CorruptRecordException("varlong is longer than 10 bytes");
            }
        }
    }

    private int skipBytes(int size, String what) {
        int position = cursor;
        if (size < -1 || size > bound - cursor) {
            throw new CorruptRecordException(
                    what + " of a record of batch " + baseOffset + " has invalid size " + size);
        }
        if (size > 0) {
            cursor += size;
        }
        return position;
    }

    private void checkPositioned() {
        if (!positioned) {
            throw new IllegalStateException("cursor is not on a record: call next() first");
        }
    }

    public long offset() {
        checkPositioned();
        return baseOffset + offsetDelta;
    }

    public long timestamp() {
        checkPositioned();
        return logAppendTime != Long.MIN_VALUE ? logAppendTime : baseTimestamp + timestampDelta;
    }

    public int sequence() {
        checkPositioned();
        if (baseSequence == RecordBatch.NO_SEQUENCE) {
            return RecordBatch.NO_SEQUENCE;
        }
        long sequence = baseSequence + offsetDelta;
        return (int) (sequence > Integer.MAX_VALUE ? sequence - Integer.MAX_VALUE - 1 : sequence);
    }

    /** The buffer that {@link #keyPosition()} and {@link #valuePosition()} index into. */
    public ByteBuffer buffer() {
        return records.asReadOnlyBuffer();
    }

    /** Key length in bytes, or -1 for a null key. */
    public int keySize() {
        checkPositioned();
        return keySize;
    }

    public int keyPosition() {
        checkPositioned();
        return keyPosition;
    }

    /** Value length in bytes, or -1 for a null value. */
    public int valueSize() {
        checkPositioned();
        return valueSize;
    }

    public int valuePosition() {
        checkPositioned();
        return valuePosition;
    }

    public int headerCount() {
        checkPositioned();
        return headerCount;
    }

    public boolean hasKey() {
        return keySize() >= 0;
    }

    public boolean hasValue() {
        return valueSize() >= 0;
    }

    /** A read-only view of the key, or null. */
    public @Nullable ByteBuffer key() {
        return hasKey() ? records.slice(keyPosition, keySize).asReadOnlyBuffer() : null;
    }

    /** A read-only view of the value, or null. */
    public @Nullable ByteBuffer value() {
        return hasValue() ? records.slice(valuePosition, valueSize).asReadOnlyBuffer() : null;
    }

    /** The headers, parsed now. */
    public List<Header> headers() {
        checkPositioned();
        if (headerCount == 0) {
            return List.of();
        }
        ByteBuffer in = records.duplicate().position(headersPosition);
        List<Header> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            int keyLength = Varints.readVarint(in);
            byte[] key = new byte[keyLength];
            in.get(key);
            int valueLength = Varints.readVarint(in);
            byte[] value = null;
            if (valueLength >= 0) {
                value = new byte[valueLength];
                in.get(value);
            }
            headers.add(new Header(new String(key, StandardCharsets.UTF_8), value));
        }
        return headers;
    }

    /** The current record as an immutable {@link Record}. */
    public Record toRecord() {
        return new Record(offset(), timestamp(), sequence(), key(), value(), headers());
    }
}
