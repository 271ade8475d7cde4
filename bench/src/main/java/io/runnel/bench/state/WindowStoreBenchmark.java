package io.runnel.bench.state;

import io.runnel.state.RocksDBMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
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
 * Window put and window fetch (one key, ten consecutive one-minute windows) on a RocksDB window store preloaded with
 * {@code entries} windows: {@code entries / 100} keys with 100 one-minute windows each, retention two hours (two
 * segments). Keys are chosen by a scrambled Zipfian distribution. Baselines as in {@link KeyValueStoreBenchmark}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar WindowStoreBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@NullUnmarked // JMH sets @Param fields and @Setup initialises the rest
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class WindowStoreBenchmark {
    private static final int WINDOWS_PER_KEY = 100;
    private static final long WINDOW_MS = 60_000;

    @Param({"runnel", "raw-rocksdb", "kafka-streams"})
    String impl;

    @Param({"1000000"})
    int entries;

    private Path dir;
    private RocksDBMemory memory;
    private WindowTargets.Target target;
    private byte[][] keyBytes;
    private ZipfKeys zipf;
    private int tick;
    private final byte[] value = new byte[100];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("window-bench-" + impl);
        memory = RocksDBMemory.create(256L * 1024 * 1024, 0.5);
        target = WindowTargets.open(impl, dir, memory, Duration.ofHours(2), Duration.ofMillis(WINDOW_MS));
        int keys = entries / WINDOWS_PER_KEY;
        keyBytes = new byte[keys][];
        for (int k = 0; k < keys; k++) {
            keyBytes[k] = ZipfKeys.key(k);
        }
        for (int w = 0; w < WINDOWS_PER_KEY; w++) {
            for (int k = 0; k < keys; k++) {
                target.put(keyBytes[k], value, w * WINDOW_MS);
            }
        }
        zipf = new ZipfKeys(keys, 1 << 20, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        target.close();
        memory.close();
        KeyValueStoreBenchmark.deleteTree(dir);
    }

    @Benchmark
    public void put() {
        tick = tick + 1 == WINDOWS_PER_KEY ? 0 : tick + 1;
        target.put(keyBytes[zipf.next()], value, tick * WINDOW_MS);
    }

    @Benchmark
    public long fetch10Windows() {
        tick = tick + 7 >= WINDOWS_PER_KEY - 10 ? 0 : tick + 7;
        long from = tick * WINDOW_MS;
        return target.fetch(keyBytes[zipf.next()], from, from + 9 * WINDOW_MS);
    }
}
