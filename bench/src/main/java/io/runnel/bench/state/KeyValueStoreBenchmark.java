package io.runnel.bench.state;

import io.runnel.state.RocksDBMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Put, get and a 100-key range scan on a RocksDB key-value store preloaded with {@code keys} keys (16-byte keys,
 * 100-byte values), keys chosen by a scrambled Zipfian distribution. Compares Runnel's byte-level RocksDB store with
 * rocksdbjni called directly under the same options ({@code raw-rocksdb}, the overhead baseline) and Kafka Streams'
 * {@code RocksDBStore} with its own defaults ({@code kafka-streams}, for reference).
 *
 * <pre>
 * mvn -q -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar KeyValueStoreBenchmark -f 1 -wi 2 -i 3
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
public class KeyValueStoreBenchmark {
    @Param({"runnel", "raw-rocksdb", "kafka-streams"})
    String impl;

    @Param({"1000000"})
    int keys;

    private Path dir;
    private RocksDBMemory memory;
    private KeyValueTargets.Target target;
    private byte[][] keyBytes;
    private ZipfKeys zipf;
    private final byte[] value = new byte[100];

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("kv-bench-" + impl);
        memory = RocksDBMemory.create(256L * 1024 * 1024, 0.5);
        target = KeyValueTargets.open(impl, dir, memory);
        keyBytes = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            keyBytes[i] = ZipfKeys.key(i);
            target.put(keyBytes[i], value);
        }
        zipf = new ZipfKeys(keys, 1 << 20, 42);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        target.close();
        memory.close();
        deleteTree(dir);
    }

    @Benchmark
    public void put() {
        target.put(keyBytes[zipf.next()], value);
    }

    @Benchmark
    public byte[] get() {
        return target.get(keyBytes[zipf.next()]);
    }

    @Benchmark
    public long rangeScan100() {
        int from = zipf.next();
        return target.scan(keyBytes[from], keyBytes[Math.min(from + 99, keys - 1)], 100);
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
