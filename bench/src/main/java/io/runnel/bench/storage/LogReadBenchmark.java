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
 * Sequential read throughput of a partition log, as a consumer catching up reads it: one operation reads up to 1 MiB
 * (Kafka's {@code max.partition.fetch.bytes}) of whole batches from the current offset and copies them into a
 * reused direct buffer ({@code FileRecords.readFully} / Kafka's {@code readInto}: one copy from the page cache, the
 * path of a TLS or compressing broker, where {@code sendfile} cannot be used); the next read starts after the last
 * whole batch, and the reader wraps to offset 0 at the end.
 *
 * <p>The log is built once per trial: {@code logMib} MiB of 1 KiB or 16 KiB batches of 100-byte records, in 64 MiB
 * segments, so reads cross segments. It stays in the page cache (this measures the log's read path, not the disk).
 * Results: ops/s is reads/s; {@code bytes} and {@code records} are bytes/s and records/s of whole batches.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar LogReadBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogReadBenchmark {
    private static final int SEGMENT_BYTES = 64 * 1024 * 1024;
    private static final int MAX_READ_BYTES = 1024 * 1024;

    @Param({"RUNNEL", "KAFKA"})
    public Impl impl;

    @Param({"1024", "16384"})
    public int batchBytes;

    /** Size of the log read, in MiB. */
    @Param({"256"})
    public int logMib;

    /** Where the log is created; empty for {@code <java.io.tmpdir>/runnel-bench}. */
    @Param({""})
    public String dir;

    private PartitionLog log;
    private ByteBuffer destination;
    private final BatchHeaders headers = new BatchHeaders();
    private long offset;
    private long logEndOffset;

    @Setup(Level.Trial)
    public void buildLog() throws IOException {
        int recordCount = Workload.recordsPerBatch(batchBytes);
        ByteBuffer batch = Workload.ofValues(recordCount)
                .runnelBatch(CompressionType.NONE, 0L, recordCount, 0, System.currentTimeMillis());
        log = PartitionLog.create(impl, PartitionLog.parentDirectory(dir), SEGMENT_BYTES);
        log.fill(batch, (long) logMib * 1024 * 1024);
        log.flush();
        logEndOffset = log.logEndOffset();
        destination = ByteBuffer.allocateDirect(MAX_READ_BYTES + 2 * batch.remaining());
        offset = 0;
    }

    @TearDown(Level.Trial)
    public void deleteLog() throws IOException {
        log.close();
    }

    @Benchmark
    public int read(BatchCounters counters) throws IOException {
        int read = log.read(offset, MAX_READ_BYTES, destination);
        headers.walk(destination, offset);
        offset = headers.nextOffset() >= logEndOffset ? 0 : headers.nextOffset();
        counters.add(headers.records(), headers.wholeBytes());
        return read;
    }
}
