package io.runnel.bench.records;

import io.runnel.bench.workload.BatchCounters;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import io.runnel.records.CompressionType;
import io.runnel.records.DecompressionBuffer;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordCursor;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.utils.internals.BufferSupplier;
import org.apache.kafka.common.utils.internals.CloseableIterator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How fast a consumer walks the records of a batch: one operation reads every record (offset, timestamp and a view of
 * the value) of one batch of 100-byte records, 1 KiB or 16 KiB uncompressed, with each codec.
 *
 * <ul>
 *   <li>{@code RUNNEL}: {@link RecordBatch#wrap} and a {@link RecordCursor} decompressing into a reused {@link
 *       DecompressionBuffer}; the value is read as a read-only view ({@link RecordCursor#value()}).
 *   <li>{@code KAFKA}: {@code MemoryRecords.readableRecords(..)} and the batch's {@code streamingIterator} with a
 *       caching {@code BufferSupplier}, which is how Kafka's consumer reads a fetched batch ({@code CompletedFetch}).
 * </ul>
 *
 * <p>Neither side checks the CRC here (both do that in a separate call). Results: ops/s is batches/s; the {@code
 * records} and {@code bytes} lines are records/s and uncompressed bytes/s.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar RecordBatchReadBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBatchReadBenchmark {
    @Param({"RUNNEL", "KAFKA"})
    public Impl impl;

    @Param({"NONE", "GZIP", "SNAPPY", "LZ4", "ZSTD"})
    public CompressionType compression;

    @Param({"1024", "16384"})
    public int batchBytes;

    private ByteBuffer batch;
    private int recordCount;
    private int uncompressedSize;
    private DecompressionBuffer scratch;
    private BufferSupplier kafkaBuffers;

    @Setup
    public void setUp() {
        recordCount = Workload.recordsPerBatch(batchBytes);
        Workload workload = Workload.ofValues(recordCount);
        batch = workload.runnelBatch(compression, 0L, recordCount, 0, Workload.BASE_TIMESTAMP);
        uncompressedSize = workload.runnelBatch(CompressionType.NONE, 0L, recordCount, 0, Workload.BASE_TIMESTAMP)
                .remaining();
        scratch = DecompressionBuffer.create(batchBytes * 2, DecompressionBuffer.DEFAULT_MAX_BYTES);
        kafkaBuffers = BufferSupplier.create();
    }

    @Benchmark
    public void read(Blackhole blackhole, BatchCounters counters) {
        int read = impl == Impl.RUNNEL ? readRunnel(blackhole) : readKafka(blackhole);
        counters.add(read, uncompressedSize);
    }

    private int readRunnel(Blackhole blackhole) {
        RecordCursor cursor = RecordBatch.wrap(batch).cursor(scratch);
        int read = 0;
        while (cursor.next()) {
            blackhole.consume(cursor.offset());
            blackhole.consume(cursor.timestamp());
            blackhole.consume(cursor.value());
            read++;
        }
        return read;
    }

    private int readKafka(Blackhole blackhole) {
        int read = 0;
        for (org.apache.kafka.common.record.internal.RecordBatch kafkaBatch :
                MemoryRecords.readableRecords(batch.duplicate()).batches()) {
            try (CloseableIterator<Record> records = kafkaBatch.streamingIterator(kafkaBuffers)) {
                while (records.hasNext()) {
                    Record record = records.next();
                    blackhole.consume(record.offset());
                    blackhole.consume(record.timestamp());
                    blackhole.consume(record.value());
                    read++;
                }
            }
        }
        return read;
    }
}
