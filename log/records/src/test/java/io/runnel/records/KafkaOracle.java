package io.runnel.records;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;

/** Builds and reads batches with Apache Kafka's own classes: the reference our format is checked against. */
final class KafkaOracle {
    private KafkaOracle() {}

    static Compression compression(CompressionType type) {
        return switch (type) {
            case NONE -> Compression.NONE;
            case GZIP -> Compression.gzip().build();
            case SNAPPY -> Compression.snappy().build();
            case LZ4 -> Compression.lz4().build();
            case ZSTD -> Compression.zstd().build();
        };
    }

    /** A batch built by Kafka's {@code MemoryRecordsBuilder}, as its producer builds them. */
    static ByteBuffer build(
            CompressionType type,
            long baseOffset,
            long producerId,
            short epoch,
            int baseSequence,
            boolean transactional,
            List<RecordInput> inputs) {
        MemoryRecordsBuilder builder = MemoryRecords.builder(
                ByteBuffer.allocate(1024),
                (byte) 2,
                compression(type),
                org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                baseOffset,
                RecordBatch.NO_TIMESTAMP,
                producerId,
                epoch,
                baseSequence,
                transactional,
                RecordBatch.NO_PARTITION_LEADER_EPOCH);
        for (RecordInput input : inputs) {
            org.apache.kafka.common.header.Header[] headers = input.headers().stream()
                    .map(h -> new RecordHeader(h.key(), h.value()))
                    .toArray(org.apache.kafka.common.header.Header[]::new);
            builder.append(input.timestamp(), input.key(), input.value(), headers);
        }
        return builder.build().buffer();
    }

    /** Every record Kafka reads from the batches in {@code buffer}. */
    static List<Record> read(ByteBuffer buffer) {
        List<Record> records = new ArrayList<>();
        for (org.apache.kafka.common.record.internal.RecordBatch batch :
                MemoryRecords.readableRecords(buffer.duplicate()).batches()) {
            batch.ensureValid();
            for (org.apache.kafka.common.record.internal.Record record : batch) {
                List<Header> headers = new ArrayList<>();
                for (org.apache.kafka.common.header.Header header : record.headers()) {
                    headers.add(new Header(header.key(), header.value()));
                }
                records.add(new Record(
                        record.offset(), record.timestamp(), record.sequence(), record.key(), record.value(), headers));
            }
        }
        return records;
    }
}
