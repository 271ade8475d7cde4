package io.runnel.records;

import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One record of a batch, materialised by {@link RecordCursor#toRecord()}. Key and value are read-only buffers; for an
 * uncompressed batch they share the batch's bytes, so they are valid only while those bytes are.
 *
 * @param offset the record's offset in its partition
 * @param timestamp the record's timestamp in milliseconds (the batch's max timestamp under {@code LogAppendTime})
 * @param sequence the producer sequence number, or {@link RecordBatch#NO_SEQUENCE}
 * @param key the key, or null
 * @param value the value, or null (a tombstone in a compacted topic)
 * @param headers the headers, in order
 */
public record Record(
        long offset,
        long timestamp,
        int sequence,
        @Nullable ByteBuffer key,
        @Nullable ByteBuffer value,
        List<Header> headers) {
    public Record {
        headers = List.copyOf(headers);
    }

    public boolean hasKey() {
        return key != null;
    }

    public boolean hasValue() {
        return value != null;
    }
}
