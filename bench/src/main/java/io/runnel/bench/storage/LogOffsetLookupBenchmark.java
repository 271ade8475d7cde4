package io.runnel.bench.storage;

import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import io.runnel.bench.workload.Zipf;
import io.runnel.records.CompressionType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
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
 * Random offset lookups in a partition log: one operation finds where the batch holding an offset starts, through the
 * log's fetch path with a 1-byte limit (segment map, sparse offset index, then a scan of batch headers from the index
 * entry: at most {@code index.interval.bytes} = 4 KiB, Kafka's default, for both logs). Offsets are {@link
 * LookupDistribution#UNIFORM uniform} over the log or {@link LookupDistribution#ZIPF_FROM_TAIL Zipf-skewed} towards
 * its end, precomputed (64 Ki of them) so that sampling is not measured.
 *
 * <p>The log is built once per trial: {@code logMib} MiB of 1 KiB or 16 KiB batches of 100-byte records in 64 MiB
 * segments, in the page cache. Result: average time per lookup.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar LogOffsetLookupBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LogOffsetLookupBenchmark {
    private static final int SEGMENT_BYTES = 64 * 1024 * 1024;
    private static final int TARGETS = 1 << 16;

    @Param({"RUNNEL", "KAFKA"})
    public Impl impl;

    @Param({"1024", "16384"})
    public int batchBytes;

    @Param({"UNIFORM", "ZIPF_FROM_TAIL"})
    public LookupDistribution distribution;

    /** Size of the log, in MiB. */
    @Param({"256"})
    public int logMib;

    /** Where the log is created; empty for {@code <java.io.tmpdir>/runnel-bench}. */
    @Param({""})
    public String dir;

    private PartitionLog log;
    private long[] targets;
    private int next;

    @Setup(Level.Trial)
    public void buildLog() throws IOException {
        int recordCount = Workload.recordsPerBatch(batchBytes);
        ByteBuffer batch = Workload.ofValues(recordCount)
                .runnelBatch(CompressionType.NONE, 0L, recordCount, 0, System.currentTimeMillis());
        log = PartitionLog.create(impl, PartitionLog.parentDirectory(dir), SEGMENT_BYTES);
        log.fill(batch, (long) logMib * 1024 * 1024);
        log.flush();
        targets = targets(log.logEndOffset(), recordCount);
    }

    private long[] targets(long logEndOffset, int recordsPerBatch) {
        SplittableRandom random = new SplittableRandom(42);
        long batches = logEndOffset / recordsPerBatch;
        Zipf zipf = distribution == LookupDistribution.ZIPF_FROM_TAIL
                ? new Zipf((int) Math.min(batches, Integer.MAX_VALUE), 0.99, 42)
                : null;
        long[] offsets = new long[TARGETS];
        for (int i = 0; i < TARGETS; i++) {
            offsets[i] = zipf == null
                    ? random.nextLong(logEndOffset)
                    : (batches - 1 - zipf.next()) * recordsPerBatch + random.nextInt(recordsPerBatch);
        }
        return offsets;
    }

    @TearDown(Level.Trial)
    public void deleteLog() throws IOException {
        log.close();
    }

    @Benchmark
    public int lookup() throws IOException {
        long offset = targets[next];
        next = (next + 1) & (TARGETS - 1);
        return log.positionOf(offset);
    }
}
