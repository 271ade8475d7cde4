package io.runnel.records;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Builds record batches, format v2, into a buffer it owns and reuses: {@link #reset(long)}, set the batch's
 * properties, {@link #append} records, then {@link #build()}. After the first batch a builder allocates nothing
 * unless a batch is larger than any before it.
 *
 * <p>Records are written uncompressed; {@link #build()} compresses them in one pass with the framing Kafka uses, so
 * a batch built here is byte-for-byte the batch Kafka's {@code MemoryRecordsBuilder} builds from the same input.
 *
 * <pre>{@code
 * RecordBatchBuilder builder = new RecordBatchBuilder(16 * 1024);
 * builder.reset(0L).compression(CompressionType.LZ4);
 * builder.append(timestamp, key, value);
 * ByteBuffer batch = builder.build(); // owned by the builder until the next reset
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class RecordBatchBuilder {
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 64;

    private final GrowableBuffer records;
    private final GrowableBuffer compressed;

    private long baseOffset;
    private CompressionType compression = CompressionType.NONE;
    private int compressionLevel;
    private TimestampType timestampType = TimestampType.CREATE_TIME;
    private long logAppendTime = RecordBatch.NO_TIMESTAMP;
    private long producerId = RecordBatch.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatch.NO_SEQUENCE;
    private boolean transactional;
    private boolean control;
    private int partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
    private long deleteHorizonMs = RecordBatch.NO_TIMESTAMP;

    private int recordCount;
    private long lastOffset;
    private long baseTimestamp;
    private long maxTimestamp;
    private boolean built;

    /** @param initialCapacity bytes to allocate up front for one batch; the buffer grows as needed */
    public RecordBatchBuilder(int initialCapacity) {
        if (initialCapacity < 0) {
            throw new IllegalArgumentException("initialCapacity must be >= 0: " + initialCapacity);
        }
        this.records = new GrowableBuffer(Math.max(initialCapacity, RecordBatch.HEADER_SIZE), MAX_BUFFER);
        this.compressed = new GrowableBuffer(0, MAX_BUFFER);
        reset(0L);
    }

    /** Starts a new batch whose first record gets {@code baseOffset}, with default properties. */
    public RecordBatchBuilder reset(long baseOffset) {
        if (baseOffset < 0) {
            throw new IllegalArgumentException("baseOffset must be >= 0: " + baseOffset);
        }
        this.baseOffset = baseOffset;
        this.compression = CompressionType.NONE;
        this.compressionLevel = 0;
        this.timestampType = TimestampType.CREATE_TIME;
        this.logAppendTime = RecordBatch.NO_TIMESTAMP;
        this.producerId = RecordBatch.NO_PRODUCER_ID;
        this.producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
        this.baseSequence = RecordBatch.NO_SEQUENCE;
        this.transactional = false;
        this.control = false;
        this.partitionLeaderEpoch = RecordBatch.NO_PARTITION_LEADER_EPOCH;
        this.deleteHorizonMs = RecordBatch.NO_TIMESTAMP;
        this.recordCount = 0;
        this.lastOffset = baseOffset - 1;
        this.baseTimestamp = RecordBatch.NO_TIMESTAMP;
        this.maxTimestamp = RecordBatch.NO_TIMESTAMP;
        this.built = false;
        records.clear();
        records.buffer().position(RecordBatch.HEADER_SIZE);
        return this;
    }

    /** The codec, at its default level (Kafka's defaults: gzip 6, lz4 9, zstd 3). */
    public RecordBatchBuilder compression(CompressionType type) {
        return compression(type, Codecs.defaultLevel(type));
    }

    /**
     * The codec and level, as Kafka's {@code compression.gzip.level}, {@code compression.lz4.level} and {@code
     * compression.zstd.level}.
     *
     * @throws IllegalArgumentException if the level is outside the codec's range
     */
    public RecordBatchBuilder compression(CompressionType type, int level) {
        checkNoRecords();
        Codecs.validateLevel(type, level);
        this.compression = type;
        this.compressionLevel = level;
        return this;
    }

    /** Stamps every record with the broker's time: the batch's max timestamp becomes {@code logAppendTime}. */
    public RecordBatchBuilder logAppendTime(long logAppendTime) {
        checkNoRecords();
        this.timestampType = TimestampType.LOG_APPEND_TIME;
        this.logAppendTime = logAppendTime;
        return this;
    }

    /** Producer id, epoch and the sequence number of the first record, for idempotent and transactional producers. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        checkNoRecords();
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    public RecordBatchBuilder transactional(boolean transactional) {
        checkNoRecords();
        this.transactional = transactional;
        return this;
    }

    /** Marks the batch as a control batch (transaction markers). */
    public RecordBatchBuilder control(boolean control) {
        checkNoRecords();
        this.control = control;
        return this;
    }

    public RecordBatchBuilder partitionLeaderEpoch(int epoch) {
        checkNoRecords();
        this.partitionLeaderEpoch = epoch;
        return this;
    }

    /**
     * Sets the delete horizon, as the log cleaner does when it keeps tombstones: the batch's base timestamp becomes
     * the horizon and record timestamps are stored relative to it.
     */
    public RecordBatchBuilder deleteHorizonMs(long deleteHorizonMs) {
        checkNoRecords();
        if (deleteHorizonMs < 0) {
            throw new IllegalArgumentException("deleteHorizonMs must be >= 0: " + deleteHorizonMs);
        }
        this.deleteHorizonMs = deleteHorizonMs;
        return this;
    }

    /**
     * Appends a record with the next offset.
     *
     * @return the record's offset
     */
    public long append(long timestamp, byte @Nullable [] key, byte @Nullable [] value, Header... headers) {
        return appendRecord(lastOffset + 1, timestamp, key, null, value, null, headers);
    }

    /**
     * Appends a record without headers with the next offset. Allocates nothing.
     *
     * @return the record's offset
     */
    public long append(long timestamp, byte @Nullable [] key, byte @Nullable [] value) {
        return appendRecord(lastOffset + 1, timestamp, key, null, value, null, NO_HEADERS);
    }

    /**
     * Appends a record with the next offset. Reads the remaining bytes of {@code key} and {@code value} without
     * changing their positions.
     *
     * @return the record's offset
     */
    public long append(long timestamp, @Nullable ByteBuffer key, @Nullable ByteBuffer value, Header... headers) {
        return appendWithOffset(lastOffset + 1, timestamp, key, value, headers);
    }

    /**
     * Appends a record with an explicit offset, which must be greater than the previous record's, as when the log
     * cleaner rewrites a batch and leaves gaps.
     *
     * @return {@code offset}
     */
    public long appendWithOffset(
            long offset, long timestamp, @Nullable ByteBuffer key, @Nullable ByteBuffer value, Header... headers) {
        return appendRecord(offset, timestamp, null, key, null, value, headers);
    }

    /** Key and value each come as an array or a buffer (or neither: null). */
    private long appendRecord(
            long offset,
            long timestamp,
            byte @Nullable [] keyArray,
            @Nullable ByteBuffer keyBuffer,
            byte @Nullable [] valueArray,
            @Nullable ByteBuffer valueBuffer,
            Header[] headers) {
        if (built) {
            throw new IllegalStateException("batch is already built: call reset() to start the next");
        }
        if (offset <= lastOffset) {
            throw new IllegalArgumentException("offset " + offset + " must be greater than " + lastOffset);
        }
        if (offset - baseOffset > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "offset " + offset + " is too far from the base offset " + baseOffset + " for one batch");
        }
        if (timestamp < 0 && timestamp != RecordBatch.NO_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp must be >= 0 or -1 (none): " + timestamp);
        }
        if (recordCount == 0) {
            baseTimestamp = deleteHorizonMs >= 0 ? deleteHorizonMs : timestamp;
        }
        int offsetDelta = (int) (offset - baseOffset);
        long timestampDelta = timestamp - baseTimestamp;
        int keySize = keyArray != null ? keyArray.length : keyBuffer != null ? keyBuffer.remaining() : -1;
        int valueSize = valueArray != null ? valueArray.length : valueBuffer != null ? valueBuffer.remaining() : -1;
        int bodySize = 1
                + Varints.sizeOfVarlong(timestampDelta)
                + Varints.sizeOfVarint(offsetDelta)
                + sizeOfField(keySize)
                + sizeOfField(valueSize)
                + Varints.sizeOfVarint(headers.length);
        byte[][] headerKeys = headers.length == 0 ? NO_KEYS : new byte[headers.length][];
        for (int i = 0; i < headers.length; i++) {
            headerKeys[i] = headers[i].key().getBytes(StandardCharsets.UTF_8);
            byte[] headerValue = headers[i].valueBytes();
            bodySize += sizeOfField(headerKeys[i].length) + sizeOfField(headerValue == null ? -1 : headerValue.length);
        }
        records.ensureRemaining(Varints.sizeOfVarint(bodySize) + bodySize);
        ByteBuffer out = records.buffer();
        Varints.writeVarint(bodySize, out);
        out.put((byte) 0);
        Varints.writeVarlong(timestampDelta, out);
        Varints.writeVarint(offsetDelta, out);
        writeField(keyArray, keyBuffer, out);
        writeField(valueArray, valueBuffer, out);
        Varints.writeVarint(headers.length, out);
        for (int i = 0; i < headers.length; i++) {
            Varints.writeVarint(headerKeys[i].length, out);
            out.put(headerKeys[i]);
            byte[] headerValue = headers[i].valueBytes();
            if (headerValue == null) {
                Varints.writeVarint(-1, out);
            } else {
                Varints.writeVarint(headerValue.length, out);
                out.put(headerValue);
            }
        }
        recordCount++;
        lastOffset = offset;
        maxTimestamp = Math.max(maxTimestamp, timestamp);
        return offset;
    }

    private static final byte[][] NO_KEYS = new byte[0][];
    private static final Header[] NO_HEADERS = new Header[0];

    private static int sizeOfField(int size) {
        return size < 0 ? Varints.sizeOfVarint(-1) : Varints.sizeOfVarint(size) + size;
    }

    private static void writeField(byte @Nullable [] array, @Nullable ByteBuffer buffer, ByteBuffer out) {
        if (array != null) {
            Varints.writeVarint(array.length, out);
            out.put(array);
        } else if (buffer != null) {
            int length = buffer.remaining();
            Varints.writeVarint(length, out);
            // Absolute bulk put: copies without moving the caller's position or allocating a duplicate.
            out.put(out.position(), buffer, buffer.position(), length);
            out.position(out.position() + length);
        } else {
            Varints.writeVarint(-1, out);
        }
    }

    private void checkNoRecords() {
        if (recordCount > 0 || built) {
            throw new IllegalStateException("batch properties must be set before the first record is appended");
        }
    }

    public int recordCount() {
        return recordCount;
    }

    public boolean isEmpty() {
        return recordCount == 0;
    }

    /** The size of the batch if it were built uncompressed now: an upper bound for batching decisions. */
    public int estimatedSizeInBytes() {
        return records.position();
    }

    /** The offset the next appended record would get. */
    public long nextOffset() {
        return lastOffset + 1;
    }

    /**
     * Closes the batch: compresses the records, writes the header and the CRC. The returned buffer (position 0,
     * limit the batch size) is owned by this builder and valid until the next {@link #reset(long)}.
     *
     * @throws IllegalStateException if no record was appended
     */
    public ByteBuffer build() {
        if (built) {
            throw new IllegalStateException("batch is already built: call reset() to start the next");
        }
        if (recordCount == 0) {
            throw new IllegalStateException("cannot build a batch with no records");
        }
        built = true;
        GrowableBuffer target = records;
        if (compression != CompressionType.NONE) {
            ByteBuffer body = records.buffer().duplicate().flip().position(RecordBatch.HEADER_SIZE);
            compressed.clear();
            compressed.ensureRemaining(RecordBatch.HEADER_SIZE);
            compressed.buffer().position(RecordBatch.HEADER_SIZE);
            Codecs.compress(compression, compressionLevel, body, compressed);
            target = compressed;
        }
        ByteBuffer batch = target.buffer().duplicate().flip();
        writeHeader(batch);
        return batch;
    }

    private void writeHeader(ByteBuffer batch) {
        int size = batch.limit();
        int attributes = compression.id;
        if (timestampType == TimestampType.LOG_APPEND_TIME) {
            attributes |= RecordBatch.TIMESTAMP_TYPE_MASK;
        }
        if (transactional) {
            attributes |= RecordBatch.TRANSACTIONAL_MASK;
        }
        if (control) {
            attributes |= RecordBatch.CONTROL_MASK;
        }
        if (deleteHorizonMs >= 0) {
            attributes |= RecordBatch.DELETE_HORIZON_MASK;
        }
        long batchMaxTimestamp = timestampType == TimestampType.LOG_APPEND_TIME ? logAppendTime : maxTimestamp;
        batch.putLong(RecordBatch.BASE_OFFSET_OFFSET, baseOffset);
        batch.putInt(RecordBatch.LENGTH_OFFSET, size - RecordBatch.LOG_OVERHEAD);
        batch.putInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET, partitionLeaderEpoch);
        batch.put(RecordBatch.MAGIC_OFFSET, RecordBatch.MAGIC);
        batch.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) attributes);
        batch.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, (int) (lastOffset - baseOffset));
        batch.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, baseTimestamp);
        batch.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, batchMaxTimestamp);
        batch.putLong(RecordBatch.PRODUCER_ID_OFFSET, producerId);
        batch.putShort(RecordBatch.PRODUCER_EPOCH_OFFSET, producerEpoch);
        batch.putInt(RecordBatch.BASE_SEQUENCE_OFFSET, baseSequence);
        batch.putInt(RecordBatch.RECORD_COUNT_OFFSET, recordCount);
        long crc = RecordBatch.crc32c(batch, RecordBatch.ATTRIBUTES_OFFSET, size - RecordBatch.ATTRIBUTES_OFFSET);
        batch.putInt(RecordBatch.CRC_OFFSET, (int) crc);
    }
}
