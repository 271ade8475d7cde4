package io.runnel.bench.workload;

import io.runnel.records.CompressionType;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/**
 * The records the benchmarks write and read: values of exactly {@link #VALUE_SIZE} bytes, no key, no headers, as in
 * the "100-byte records". A value is English-like text, words drawn with a Zipf distribution from a fixed
 * vocabulary, so that codecs see data about as compressible as log lines or JSON (lz4 roughly halves it) rather
 * than random bytes (incompressible) or zeros (unrealistically compressible).
 *
 * <p>Immutable once built.
 */
public final class Workload {
    /** Bytes in every record value. */
    public static final int VALUE_SIZE = 100;
    /** Timestamp of the first record of the in-memory benchmarks; the others follow one millisecond apart. */
    public static final long BASE_TIMESTAMP = 1_767_225_600_000L;

    private static final int VOCABULARY = 2048;
    private static final long SEED = 0x5eed_2026L;

    private final byte[][] values;

    private Workload(byte[][] values) {
        this.values = values;
    }

    /** {@code count} distinct values of {@link #VALUE_SIZE} bytes, the same for every run. */
    public static Workload ofValues(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        SplittableRandom random = new SplittableRandom(SEED);
        String[] words = vocabulary(random);
        Zipf zipf = new Zipf(words.length, 0.99, SEED);
        byte[][] values = new byte[count][];
        StringBuilder text = new StringBuilder(VALUE_SIZE + 16);
        for (int i = 0; i < count; i++) {
            text.setLength(0);
            while (text.length() < VALUE_SIZE) {
                text.append(words[zipf.next()]).append(' ');
            }
            values[i] = text.substring(0, VALUE_SIZE).getBytes(StandardCharsets.US_ASCII);
        }
        return new Workload(values);
    }

    private static String[] vocabulary(SplittableRandom random) {
        String[] words = new String[VOCABULARY];
        for (int i = 0; i < words.length; i++) {
            int length = 2 + random.nextInt(9);
            char[] word = new char[length];
            for (int c = 0; c < length; c++) {
                word[c] = (char) ('a' + random.nextInt(26));
            }
            words[i] = new String(word);
        }
        return words;
    }

    /**
     * How many records fill a batch of at most {@code batchBytes} bytes, uncompressed: 8 for 1 KiB, 148 for 16 KiB.
     */
    public static int recordsPerBatch(int batchBytes) {
        Workload workload = ofValues(1);
        RecordBatchBuilder builder = new RecordBatchBuilder(batchBytes);
        builder.reset(0L);
        int count = 0;
        while (true) {
            builder.append(BASE_TIMESTAMP + count, null, workload.value(0));
            if (builder.estimatedSizeInBytes() > batchBytes) {
                break;
            }
            count++;
        }
        if (count == 0) {
            throw new IllegalArgumentException(
                    "batchBytes " + batchBytes + " is too small for one record of " + VALUE_SIZE + " bytes");
        }
        return count;
    }

    public int valueCount() {
        return values.length;
    }

    /** The value at {@code index}, shared: callers must not change it. */
    public byte[] value(int index) {
        return values[index];
    }

    /**
     * A batch built by Runnel's {@link RecordBatchBuilder}, in a new buffer, with the values from {@code
     * firstValue} on (wrapping around) and timestamps from {@code baseTimestamp} on, one millisecond apart.
     */
    public ByteBuffer runnelBatch(
            CompressionType compression, long baseOffset, int records, int firstValue, long baseTimestamp) {
        RecordBatchBuilder builder = new RecordBatchBuilder(records * (VALUE_SIZE + 16) + RecordBatch.HEADER_SIZE);
        builder.reset(baseOffset).compression(compression);
        for (int i = 0; i < records; i++) {
            builder.append(baseTimestamp + i, null, values[(firstValue + i) % values.length]);
        }
        ByteBuffer built = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(built.remaining());
        copy.put(built).flip();
        return copy;
    }

    /** The same batch built by Apache Kafka's {@code MemoryRecordsBuilder}: byte-for-byte equal to Runnel's. */
    public ByteBuffer kafkaBatch(
            CompressionType compression, long baseOffset, int records, int firstValue, long baseTimestamp) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
                ByteBuffer.allocate(records * (VALUE_SIZE + 16) + RecordBatch.HEADER_SIZE),
                kafkaCompression(compression),
                TimestampType.CREATE_TIME,
                baseOffset);
        for (int i = 0; i < records; i++) {
            builder.append(baseTimestamp + i, null, values[(firstValue + i) % values.length]);
        }
        return builder.build().buffer();
    }

    /** Kafka's codec for ours, at Kafka's default level (the same defaults as Runnel's). */
    public static Compression kafkaCompression(CompressionType type) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }
}
