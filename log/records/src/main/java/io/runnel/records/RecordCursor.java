package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.BufferUnderflowException;
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
        int length = Varints.readVarint(records);
        if (length <= 0 || length > records.remaining()) {
            throw new CorruptRecordException("record of batch " + baseOffset + " has invalid length " + length
                    + " with " + records.remaining() + " bytes left");
        }
        int end = records.position() + length;
        int limit = records.limit();
        records.limit(end);
        try {
            parseBody();
            if (records.hasRemaining()) {
                throw new CorruptRecordException(
                        "record of batch " + baseOffset + " has " + records.remaining() + " unparsed bytes");
            }
        } catch (BufferUnderflowException e) {
            throw new CorruptRecordException("record of batch " + baseOffset + " is truncated", e);
        } finally {
            records.limit(limit);
        }
        records.position(end);
        remaining--;
        positioned = true;
        return true;
    }

    private void parseBody() {
        records.get(); // attributes: unused in v2
        timestampDelta = Varints.readVarlong(records);
        offsetDelta = Varints.readVarint(records);
        keySize = Varints.readVarint(records);
        keyPosition = skipBytes(keySize, "key");
        valueSize = Varints.readVarint(records);
        valuePosition = skipBytes(valueSize, "value");
        headerCount = Varints.readVarint(records);
        if (headerCount < 0) {
            throw new CorruptRecordException("record of batch " + baseOffset + " has " + headerCount + " headers");
        }
        headersPosition = records.position();
        for (int i = 0; i < headerCount; i++) {
            int keyLength = Varints.readVarint(records);
            if (keyLength < 0) {
                throw new CorruptRecordException("header key of a record of batch " + baseOffset + " is null");
            }
            skipBytes(keyLength, "header key");
            skipBytes(Varints.readVarint(records), "header value");
        }
    }

    private int skipBytes(int size, String what) {
        int position = records.position();
        if (size < -1 || size > records.remaining()) {
            throw new CorruptRecordException(
                    what + " of a record of batch " + baseOffset + " has invalid size " + size);
        }
        if (size > 0) {
            records.position(position + size);
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
