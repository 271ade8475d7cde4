package io.runnel.bench.records;

import io.runnel.bench.workload.BatchCounters;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import io.runnel.records.CompressionType;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
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

/**
 * How fast a producer turns records into a batch: one operation builds one batch of 100-byte records (1 KiB or 16 KiB
 * uncompressed) with each codec, by Runnel's {@link RecordBatchBuilder} or by Kafka's {@code MemoryRecordsBuilder}
 * (which writes the same bytes). Both reuse their output buffer across operations, as a producer's pool does; Kafka's
 * builder object itself is created per batch because that is its API.
 *
 * <p>Results: ops/s is batches/s; the {@code records} and {@code bytes} lines are records/s and uncompressed bytes/s.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar RecordBatchBuildBenchmark -f 1 -wi 2 -i 3 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordBatchBuildBenchmark {
    @Param({"RUNNEL", "KAFKA"})
    public Impl impl;

    @Param({"NONE", "GZIP", "SNAPPY", "LZ4", "ZSTD"})
    public CompressionType compression;

    @Param({"1024", "16384"})
    public int batchBytes;

    private Workload workload;
    private int recordCount;
    private int uncompressedSize;
    private RecordBatchBuilder runnelBuilder;
    private ByteBuffer kafkaBuffer;
    private Compression kafkaCompression;

    @Setup
    public void setUp() {
        recordCount = Workload.recordsPerBatch(batchBytes);
        workload = Workload.ofValues(recordCount);
        uncompressedSize = workload.runnelBatch(CompressionType.NONE, 0L, recordCount, 0, Workload.BASE_TIMESTAMP)
                .remaining();
        runnelBuilder = new RecordBatchBuilder(batchBytes);
        kafkaBuffer = ByteBuffer.allocate(batchBytes + 1024);
        kafkaCompression = Workload.kafkaCompression(compression);
    }

    @Benchmark
    public ByteBuffer build(BatchCounters counters) {
        ByteBuffer batch = impl == Impl.RUNNEL ? buildRunnel() : buildKafka();
        counters.add(recordCount, uncompressedSize);
        return batch;
    }

    private ByteBuffer buildRunnel() {
        RecordBatchBuilder builder = runnelBuilder.reset(0L).compression(compression);
        for (int i = 0; i < recordCount; i++) {
            builder.append(Workload.BASE_TIMESTAMP + i, null, workload.value(i));
        }
        return builder.build();
    }

    private ByteBuffer buildKafka() {
        kafkaBuffer.clear();
        MemoryRecordsBuilder builder =
                MemoryRecords.builder(kafkaBuffer, kafkaCompression, TimestampType.CREATE_TIME, 0L);
        for (int i = 0; i < recordCount; i++) {
            builder.append(Workload.BASE_TIMESTAMP + i, null, workload.value(i));
        }
        return builder.build().buffer();
    }
}
