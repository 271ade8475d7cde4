package io.runnel.bench.storage;

import io.runnel.bench.workload.BatchCounters;
import io.runnel.bench.workload.Impl;
import io.runnel.bench.workload.Workload;
import io.runnel.records.CompressionType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
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
 * or an fsync after every MiB appended, by the appending thread or by a flusher thread beside it (see
 * {@link FsyncPolicy}). Runnel's {@code Log} beside Apache Kafka's {@code UnifiedLog}, both with 1 GiB segments
 * (Kafka's default), each iteration on a new empty log that is deleted afterwards. {@code impl=RAW_FILE} writes the
 * same batches to a plain file with nothing else ({@link RawFileLog}): the floor that both logs stand on, measured in
 * the same run with the same batches and flush policy.
 *
 * <p>The batch is the same buffer each time with its base offset reset to 0, as a producer sends it; both logs
 * rewrite offsets in place. Each log gets the kind of buffer its broker hands it: Runnel's broker appends slices of
 * the direct buffers Netty's pooled allocator reads requests into, Kafka's appends the heap buffers its
 * {@code SocketServer} reads into (which {@code FileChannel.write} first copies into a temporary direct buffer). Results: ops/s is appends/s; {@code records} and {@code bytes} are records/s and bytes/s,
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

    /** Whose append: Runnel's log, Kafka's, or the bare file write under both. */
    public enum Appender {
        RUNNEL,
        KAFKA,
        /** {@link RawFileLog}: the same batches written to a plain file, nothing else; the floor for both logs. */
        RAW_FILE
    }

    @Param({"RUNNEL", "KAFKA", "RAW_FILE"})
    public Appender impl;

    @Param({"1024", "16384"})
    public int batchBytes;

    @Param({"NEVER", "EVERY_1_MIB", "BACKGROUND_1_MIB"})
    public FsyncPolicy fsync;

    /** Where logs are created; empty for {@code <java.io.tmpdir>/runnel-bench}. Must be on the disk under test. */
    @Param({""})
    public String dir;

    private ByteBuffer batch;
    private int recordCount;
    private int size;
    private AppendLog log;
    private long unflushedBytes;
    private @Nullable BackgroundFlusher flusher;

    @Setup(Level.Trial)
    public void buildBatch() {
        recordCount = Workload.recordsPerBatch(batchBytes);
        batch = Workload.ofValues(recordCount)
                .runnelBatch(CompressionType.NONE, 0L, recordCount, 0, System.currentTimeMillis());
        size = batch.remaining();
        if (impl != Appender.KAFKA) {
            ByteBuffer direct = ByteBuffer.allocateDirect(size);
            direct.put(batch).flip();
            batch = direct;
        }
    }

    @Setup(Level.Iteration)
    public void openLog() throws IOException {
        Path parent = PartitionLog.parentDirectory(dir);
        log = switch (impl) {
            case RUNNEL -> PartitionLog.create(Impl.RUNNEL, parent, SEGMENT_BYTES);
            case KAFKA -> PartitionLog.create(Impl.KAFKA, parent, SEGMENT_BYTES);
            case RAW_FILE -> RawFileLog.create(parent);
        };
        unflushedBytes = 0;
        flusher = fsync.background ? new BackgroundFlusher(log, fsync.intervalBytes) : null;
    }

    @TearDown(Level.Iteration)
    public void deleteLog() throws IOException, InterruptedException {
        try {
            if (flusher != null) {
                flusher.close();
            }
        } finally {
            log.close();
        }
    }

    @Benchmark
    public long append(BatchCounters counters) throws IOException {
        batch.putLong(0, 0L);
        long offset = log.append(batch);
        if (flusher != null) {
            flusher.appended(size);
        } else if (fsync.intervalBytes > 0) {
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
