package io.runnel.records;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * A view of one record batch, format v2 (magic 2), over the bytes that hold it. The view copies nothing: accessors
 * read the header in place and {@link #cursor()} walks the records in place when the batch is uncompressed.
 *
 * <h2>Layout</h2>
 *
 * <p>All integers big-endian. The CRC-32C covers the bytes from {@code attributes} to the end of the batch, so the
 * broker can rewrite {@code baseOffset} and {@code partitionLeaderEpoch} without recomputing it.
 *
 * <pre>
 *  offset  size  field
 *       0     8  baseOffset
 *       8     4  batchLength            bytes after this field (total size - 12)
 *      12     4  partitionLeaderEpoch
 *      16     1  magic                  2
 *      17     4  crc                    CRC-32C of bytes [21, end)
 *      21     2  attributes             bits 0-2 compression, 3 timestamp type, 4 transactional,
 *                                       5 control, 6 delete horizon set (baseTimestamp is the horizon)
 *      23     4  lastOffsetDelta
 *      27     8  baseTimestamp
 *      35     8  maxTimestamp
 *      43     8  producerId
 *      51     2  producerEpoch
 *      53     4  baseSequence
 *      57     4  recordCount
 *      61     -  records, compressed as one stream when the codec is not NONE
 * </pre>
 *
 * <p>A record is {@code length: varint, attributes: int8, timestampDelta: varlong, offsetDelta: varint, keyLength:
 * varint (-1 for null), key, valueLength: varint, value, headerCount: varint, headers}, and a header is {@code
 * keyLength: varint, key (UTF-8), valueLength: varint (-1 for null), value}.
 *
 * <p>Not thread-safe. The view holds a slice of the caller's buffer: the bytes must not change while it is used,
 * except through this view's own setters.
 */
public final class RecordBatch {
    public static final byte MAGIC = 2;

    static final int BASE_OFFSET_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORD_COUNT_OFFSET = 57;

    /** Bytes before {@code batchLength} ends: base offset and length. */
    public static final int LOG_OVERHEAD = 12;
    /** Size of the batch header; the smallest possible batch. */
    public static final int HEADER_SIZE = 61;

    static final int COMPRESSION_MASK = 0x07;
    static final int TIMESTAMP_TYPE_MASK = 0x08;
    static final int TRANSACTIONAL_MASK = 0x10;
    static final int CONTROL_MASK = 0x20;
    static final int DELETE_HORIZON_MASK = 0x40;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;
    public static final long NO_TIMESTAMP = -1L;

    private final ByteBuffer buffer;

    private RecordBatch(ByteBuffer buffer) {
        this.buffer = buffer;
    }

    /**
     * A view of the batch that starts at {@code buffer.position()}. Only the size is checked here; call {@link
     * #ensureValid()} before trusting the contents. The buffer's position and limit are not changed.
     *
     * @throws CorruptRecordException if the buffer holds less than a batch header, or less than the batch length
     *     claims
     */
    public static RecordBatch wrap(ByteBuffer buffer) {
        return wrapAt(buffer, buffer.position());
    }

    /**
     * A view of the batch at {@code start} in {@code buffer}, up to the buffer's limit: {@link #wrap} without the
     * caller's {@code duplicate().position(start)}, so that iterating the batches of a buffer creates one view each.
     */
    static RecordBatch wrapAt(ByteBuffer buffer, int start) {
        int remaining = buffer.limit() - start;
        if (remaining < HEADER_SIZE) {
            throw new CorruptRecordException(
                    "record batch needs at least " + HEADER_SIZE + " bytes, buffer has " + remaining);
        }
        int size = sizeOf(buffer, start);
        if (size > remaining) {
            throw new CorruptRecordException("record batch claims " + size + " bytes, buffer has " + remaining);
        }
        return new RecordBatch(buffer.slice(start, size));
    }

    /**
     * The total size of the batch whose header starts at {@code position}, from its {@code batchLength} field.
     *
     * @throws CorruptRecordException if the length is smaller than a batch header
     */
    static int sizeOf(ByteBuffer buffer, int position) {
        int length = buffer.getInt(position + LENGTH_OFFSET);
        if (length < HEADER_SIZE - LOG_OVERHEAD) {
            throw new CorruptRecordException("record batch length " + length + " is smaller than the header size "
                    + (HEADER_SIZE - LOG_OVERHEAD));
        }
        return length + LOG_OVERHEAD;
    }

    /** The batch's bytes, as a read-only view (position 0, limit {@link #sizeInBytes()}). */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer();
    }

    /** The batch's bytes, writable, shared with this view. */
    ByteBuffer rawBuffer() {
        return buffer;
    }

    public int sizeInBytes() {
        return buffer.limit();
    }

    public long baseOffset() {
        return buffer.getLong(BASE_OFFSET_OFFSET);
    }

    public int lastOffsetDelta() {
        return buffer.getInt(LAST_OFFSET_DELTA_OFFSET);
    }

    public long lastOffset() {
        return baseOffset() + lastOffsetDelta();
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public int partitionLeaderEpoch() {
        return buffer.getInt(PARTITION_LEADER_EPOCH_OFFSET);
    }

    public byte magic() {
        return buffer.get(MAGIC_OFFSET);
    }

    /** The stored CRC-32C, as an unsigned value. */
    public long checksum() {
        return Integer.toUnsignedLong(buffer.getInt(CRC_OFFSET));
    }

    /** The CRC-32C of the bytes the checksum covers, computed now. */
    public long computeChecksum() {
        return crc32c(buffer, ATTRIBUTES_OFFSET, buffer.limit() - ATTRIBUTES_OFFSET);
    }

    public short attributes() {
        return buffer.getShort(ATTRIBUTES_OFFSET);
    }

    /** @throws CorruptRecordException if the attributes name no known codec */
    public CompressionType compressionType() {
        return CompressionType.forId(attributes() & COMPRESSION_MASK);
    }

    public TimestampType timestampType() {
        return (attributes() & TIMESTAMP_TYPE_MASK) == 0 ? TimestampType.CREATE_TIME : TimestampType.LOG_APPEND_TIME;
    }

    public boolean isTransactional() {
        return (attributes() & TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes() & CONTROL_MASK) != 0;
    }

    /** When set, compaction may remove this batch's tombstones and markers once the log's clock passes it. */
    public OptionalLong deleteHorizonMs() {
        return (attributes() & DELETE_HORIZON_MASK) != 0 ? OptionalLong.of(baseTimestamp()) : OptionalLong.empty();
    }

    /** The first record's timestamp, or the delete horizon when {@link #deleteHorizonMs()} is present. */
    public long baseTimestamp() {
        return buffer.getLong(BASE_TIMESTAMP_OFFSET);
    }

    public long maxTimestamp() {
        return buffer.getLong(MAX_TIMESTAMP_OFFSET);
    }

    public long producerId() {
        return buffer.getLong(PRODUCER_ID_OFFSET);
    }

    public boolean hasProducerId() {
        return producerId() > NO_PRODUCER_ID;
    }

    public short producerEpoch() {
        return buffer.getShort(PRODUCER_EPOCH_OFFSET);
    }

    public int baseSequence() {
        return buffer.getInt(BASE_SEQUENCE_OFFSET);
    }

    /** The sequence of the last record, wrapping at {@link Integer#MAX_VALUE} as Kafka's does. */
    public int lastSequence() {
        int base = baseSequence();
        if (base == NO_SEQUENCE) {
            return NO_SEQUENCE;
        }
        long last = (long) base + lastOffsetDelta();
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }

    public int recordCount() {
        return buffer.getInt(RECORD_COUNT_OFFSET);
    }

    /** Whether {@link #ensureValid()} would pass. */
    public boolean isValid() {
        return magic() == MAGIC && sizeInBytes() >= HEADER_SIZE && checksum() == computeChecksum();
    }

    /**
     * Checks the header: magic, CRC, record count, offset delta and codec. Does not parse the records; see {@link
     * #ensureValidRecords()}.
     *
     * @throws CorruptRecordException naming the first thing that is wrong
     */
    public void ensureValid() {
        if (magic() != MAGIC) {
            throw new CorruptRecordException("record batch at offset " + baseOffset() + " has magic " + magic()
                    + ", only magic " + MAGIC + " is supported");
        }
        long stored = checksum();
        long computed = computeChecksum();
        if (stored != computed) {
            throw new CorruptRecordException("record batch at offset " + baseOffset() + " is corrupt: stored crc "
                    + stored + ", computed crc " + computed);
        }
        int count = recordCount();
        if (count < 0) {
            throw new CorruptRecordException(
                    "record batch at offset " + baseOffset() + " has negative record count " + count);
        }
        int lastOffsetDelta = lastOffsetDelta();
        if (lastOffsetDelta < 0 || (count > 0 && lastOffsetDelta < count - 1)) {
            throw new CorruptRecordException("record batch at offset " + baseOffset() + " has last offset delta "
                    + lastOffsetDelta + " for " + count + " records");
        }
        if (compressionType() == CompressionType.NONE && count > sizeInBytes() - HEADER_SIZE) {
            throw new CorruptRecordException("record batch at offset " + baseOffset() + " claims " + count
                    + " records in " + (sizeInBytes() - HEADER_SIZE) + " bytes");
        }
    }

    /**
     * Checks the header and parses every record: each must parse, offset deltas must increase and stay within {@link
     * #lastOffsetDelta()}, and the count must match {@link #recordCount()} with no bytes left over.
     *
     * @throws CorruptRecordException naming the first thing that is wrong
     */
    public void ensureValidRecords() {
        ensureValidRecords(DecompressionBuffer.fresh());
    }

    /** As {@link #ensureValidRecords()}, decompressing into the caller's reusable {@code scratch}. */
    public void ensureValidRecords(DecompressionBuffer scratch) {
        ensureValid();
        RecordCursor cursor = cursor(scratch);
        int count = 0;
        int previousDelta = -1;
        while (cursor.next()) {
            int delta = (int) (cursor.offset() - baseOffset());
            if (delta <= previousDelta || delta > lastOffsetDelta()) {
                throw new CorruptRecordException("record batch at offset " + baseOffset() + " has record "
                        + count + " with offset delta " + delta + " after " + previousDelta + ", last offset delta "
                        + lastOffsetDelta());
            }
            previousDelta = delta;
            count++;
        }
    }

    /**
     * A cursor over the records. Uncompressed batches are read in place; compressed ones are first decompressed
     * into a buffer owned by the cursor.
     *
     * @throws CorruptRecordException if the records do not decompress
     */
    public RecordCursor cursor() {
        return RecordCursor.of(this, DecompressionBuffer.fresh());
    }

    /**
     * As {@link #cursor()}, decompressing into {@code scratch} (which the caller owns and may reuse for the next
     * batch once it is done with this cursor) instead of a fresh buffer.
     */
    public RecordCursor cursor(DecompressionBuffer scratch) {
        return RecordCursor.of(this, scratch);
    }

    /** Every record of the batch, materialised. Key and value buffers share bytes with the batch when uncompressed. */
    public List<Record> records() {
        List<Record> records = new ArrayList<>(Math.max(0, Math.min(recordCount(), 1 << 16)));
        RecordCursor cursor = cursor();
        while (cursor.next()) {
            records.add(cursor.toRecord());
        }
        return records;
    }

    /** Sets the base offset; the CRC does not cover it. */
    public void setBaseOffset(long baseOffset) {
        buffer.putLong(BASE_OFFSET_OFFSET, baseOffset);
    }

    /** Sets the partition leader epoch; the CRC does not cover it. */
    public void setPartitionLeaderEpoch(int epoch) {
        buffer.putInt(PARTITION_LEADER_EPOCH_OFFSET, epoch);
    }

    /**
     * Sets the timestamp type and max timestamp, as a broker with {@code LogAppendTime} does, and recomputes the CRC.
     */
    public void setMaxTimestamp(TimestampType type, long maxTimestamp) {
        if (type == TimestampType.NO_TIMESTAMP_TYPE) {
            throw new IllegalArgumentException("timestamp type must be CREATE_TIME or LOG_APPEND_TIME");
        }
        short attributes = attributes();
        short updated = (short)
                (type == TimestampType.LOG_APPEND_TIME
                        ? attributes | TIMESTAMP_TYPE_MASK
                        : attributes & ~TIMESTAMP_TYPE_MASK);
        if (updated == attributes && maxTimestamp() == maxTimestamp) {
            return;
        }
        buffer.putShort(ATTRIBUTES_OFFSET, updated);
        buffer.putLong(MAX_TIMESTAMP_OFFSET, maxTimestamp);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    /**
     * Sets the producer id, epoch and base sequence, as an idempotent producer does when it sends a batch built
     * before its sequence was known, and recomputes the CRC.
     */
    public void setProducerState(long producerId, short producerEpoch, int baseSequence) {
        buffer.putLong(PRODUCER_ID_OFFSET, producerId);
        buffer.putShort(PRODUCER_EPOCH_OFFSET, producerEpoch);
        buffer.putInt(BASE_SEQUENCE_OFFSET, baseSequence);
        buffer.putInt(CRC_OFFSET, (int) computeChecksum());
    }

    @Override
    public String toString() {
        return "RecordBatch(baseOffset=" + baseOffset() + ", lastOffset=" + lastOffset() + ", count="
                + recordCount() + ", size=" + sizeInBytes() + ", compression=" + (attributes() & COMPRESSION_MASK)
                + ", producerId=" + producerId() + ", baseSequence=" + baseSequence() + ")";
    }

    static long crc32c(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.slice(offset, length));
        return crc.getValue();
    }
}
