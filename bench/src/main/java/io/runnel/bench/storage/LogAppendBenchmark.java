package io.runnel.bench.storage;

import io.runnel.bench.workload.BatchCounters;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import io.runnel.records.CompressionType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Append throughput of a partition log: one operation appends one uncompressed batch of 100-byte records (1 KiB or
 * 16 KiB) as the leader (validate, assign offsets, write, index), with no fsync (the OS writes back, Kafka's default)
 * or an fsync after every MiB appended. Runnel's {@code Log} beside Apache Kafka's {@code UnifiedLog}, both with
 * 1 GiB segments (Kafka's default), each iteration on a new empty log that is deleted afterwards.
 *
 * <p>The batch is the same buffer each time with its base offset reset to 0, as a producer sends it; both logs
 * rewrite offsets in place. Results: ops/s is appends/s; {@code records} and {@code bytes} are records/s and bytes/s,
 * to compare with {@code MachineLimits}' memory copy and {@code fdatasync} bandwidth.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar LogAppendBenchmark -f 1 -wi 2 -i 3 -p dir=/path/on/the/disk
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LogAppendBenchmark {
    private static final int SEGMENT_BYTES = 1024 * 1024 * 1024;

    @Param({"RUNNEL", "KAFKA"})
    public Impl impl;

    @Param({"1024", "16384"})
    public int batchBytes;

    @Param({"NEVER", "EVERY_1_MIB"})
    public FsyncPolicy fsync;

    /** Where logs are created; empty for {@code <java.io.tmpdir>/runnel-bench}. Must be on the disk under test. */
    @Param({""})
    public String dir;

    private ByteBuffer batch;
    private int recordCount;
    private int size;
    private PartitionLog log;
    private long unflushedBytes;

    @Setup(Level.Trial)
    public void buildBatch() {
        recordCount = Workload.recordsPerBatch(batchBytes);
        batch = Workload.ofValues(recordCount)
                .runnelBatch(CompressionType.NONE, 0L, recordCount, 0, System.currentTimeMillis());
        size = batch.remaining();
    }

    @Setup(Level.Iteration)
    public void openLog() throws IOException {
        log = PartitionLog.create(impl, PartitionLog.parentDirectory(dir), SEGMENT_BYTES);
        unflushedBytes = 0;
    }

    @TearDown(Level.Iteration)
    public void deleteLog() throws IOException {
        log.close();
    }

    @Benchmark
    public long append(BatchCounters counters) throws IOException {
        batch.putLong(0, 0L);
        long offset = log.append(batch);
        if (fsync.intervalBytes > 0) {
            unflushedBytes += size;
            if (unflushedBytes >= fsync.intervalBytes) {
                log.flush();
                unflushedBytes = 0;
            }
        }
        counters.add(recordCount, size);
        return offset;
    }
}
