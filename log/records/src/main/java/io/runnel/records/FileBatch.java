package io.runnel.records;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A batch in a file, known by its header: where it is, its offsets and timestamps. {@link #load()} reads the whole
 * batch when the records are needed. Immutable.
 */
public final class FileBatch {
    private final FileRecords file;
    private final int position;
    private final int sizeInBytes;
    private final long baseOffset;
    private final int lastOffsetDelta;
    private final long maxTimestamp;
    private final byte magic;
    private final int recordCount;
    private final long producerId;
    private final short producerEpoch;
    private final int baseSequence;
    private final short attributes;
    private final int partitionLeaderEpoch;

    FileBatch(FileRecords file, int position, int sizeInBytes, ByteBuffer header) {
        this.file = file;
        this.position = position;
        this.sizeInBytes = sizeInBytes;
        this.baseOffset = header.getLong(RecordBatch.BASE_OFFSET_OFFSET);
        this.lastOffsetDelta = header.getInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET);
        this.maxTimestamp = header.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET);
        this.magic = header.get(RecordBatch.MAGIC_OFFSET);
        this.recordCount = header.getInt(RecordBatch.RECORD_COUNT_OFFSET);
        this.producerId = header.getLong(RecordBatch.PRODUCER_ID_OFFSET);
        this.producerEpoch = header.getShort(RecordBatch.PRODUCER_EPOCH_OFFSET);
        this.baseSequence = header.getInt(RecordBatch.BASE_SEQUENCE_OFFSET);
        this.attributes = header.getShort(RecordBatch.ATTRIBUTES_OFFSET);
        this.partitionLeaderEpoch = header.getInt(RecordBatch.PARTITION_LEADER_EPOCH_OFFSET);
    }

    /** Byte position of the batch in its region. */
    public int position() {
        return position;
    }

    public int sizeInBytes() {
        return sizeInBytes;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public long maxTimestamp() {
        return maxTimestamp;
    }

    public byte magic() {
        return magic;
    }

    public int recordCount() {
        return recordCount;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    public int baseSequence() {
        return baseSequence;
    }

    public int partitionLeaderEpoch() {
        return partitionLeaderEpoch;
    }

    public boolean isTransactional() {
        return (attributes & RecordBatch.TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControlBatch() {
        return (attributes & RecordBatch.CONTROL_MASK) != 0;
    }

    /** Reads the whole batch into a new buffer. The result is not yet validated. */
    public RecordBatch load() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(sizeInBytes);
        file.readFully(buffer, position);
        buffer.flip();
        return RecordBatch.wrap(buffer);
    }

    @Override
    public String toString() {
        return "FileBatch(position=" + position + ", size=" + sizeInBytes + ", offsets=" + baseOffset + ".."
                + lastOffset() + ")";
    }
}
