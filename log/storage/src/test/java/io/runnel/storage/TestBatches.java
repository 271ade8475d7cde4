package io.runnel.storage;

import io.runnel.records.CompressionType;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.Record;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.RecordCursor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds batches the way a producer would, and reads logs back, for the storage tests. */
public final class TestBatches {
    private TestBatches() {}

    /** A batch of {@code count} records "k{i}"/"v{i}" with the given timestamps base, as a producer sends it. */
    public static ByteBuffer batch(int count, long timestamp, CompressionType compression) {
        RecordBatchBuilder builder = new RecordBatchBuilder(256);
        builder.reset(0L).compression(compression);
        for (int i = 0; i < count; i++) {
            builder.append(timestamp + i, bytes("k" + i), bytes("v" + i));
        }
        return copy(builder.build());
    }

    /** A batch with one record per value, keyed by the given keys (null allowed). */
    public static ByteBuffer batch(long timestamp, List<String> keys, List<String> values) {
        RecordBatchBuilder builder = new RecordBatchBuilder(256);
        builder.reset(0L);
        for (int i = 0; i < values.size(); i++) {
            String key = keys.get(i);
            String value = values.get(i);
            builder.append(timestamp, key == null ? null : bytes(key), value == null ? null : bytes(value));
        }
        return copy(builder.build());
    }

    /** A batch of an idempotent producer: {@code records} records "v{i}" at {@code timestamp}, from {@code baseSequence}. */
    public static ByteBuffer producerBatch(
            long producerId, short epoch, int baseSequence, int records, long timestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(256).reset(0).producer(producerId, epoch, baseSequence);
        for (int i = 0; i < records; i++) {
            builder.append(timestamp, null, bytes("v" + i));
        }
        return copy(builder.build());
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static ByteBuffer copy(ByteBuffer buffer) {
        ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
        copy.put(buffer.duplicate()).flip();
        return copy;
    }

    /**
     * Reads every record of the log from {@code from}, following reads until the log end. Advances by batch, so
     * batches that compaction emptied (they keep their offsets) are stepped over.
     */
    public static List<Record> readAll(Log log, long from) {
        List<Record> records = new ArrayList<>();
        long next = from;
        while (next < log.logEndOffset()) {
            FetchData data = log.read(next, 64 * 1024, Long.MAX_VALUE, true);
            ByteBuffer buffer = ByteBuffer.allocate(data.records().sizeInBytes());
            try {
                data.records().readFully(buffer, 0);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            buffer.flip();
            long before = next;
            for (RecordBatch batch : MemoryRecords.wrap(buffer)) {
                batch.ensureValidRecords();
                RecordCursor cursor = batch.cursor();
                while (cursor.next()) {
                    if (cursor.offset() >= next) {
                        records.add(cursor.toRecord());
                    }
                }
                next = Math.max(next, batch.nextOffset());
            }
            if (next == before) {
                break;
            }
        }
        return records;
    }

    /** Every record in a file region, each batch validated. */
    public static List<Record> records(FileRecords region) {
        ByteBuffer buffer = ByteBuffer.allocate(region.sizeInBytes());
        try {
            region.readFully(buffer, 0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        buffer.flip();
        List<Record> records = new ArrayList<>();
        for (RecordBatch batch : MemoryRecords.wrap(buffer)) {
            batch.ensureValidRecords();
            RecordCursor cursor = batch.cursor();
            while (cursor.next()) {
                records.add(cursor.toRecord());
            }
        }
        return records;
    }

    public static String string(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
