package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What an idle partition costs a broker in heap, Runnel's beside Apache Kafka's in the same run: each broker starts
 * in its own child JVM (as {@link BrokerComparison} runs them, same JVM options), its live heap is measured after a
 * full GC ({@code jcmd GC.run}, {@code GC.heap_info}), then topics totalling {@code --partitions} partitions are
 * created (in topics of {@code --topic-partitions}), the harness waits until every partition directory exists on disk,
 * and the heap is measured again. The difference over the partition count is the heap per idle partition (no data:
 * nothing is produced).
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar io.runnel.bench.broker.IdlePartitionHeap \
 *     --classpath-file bench/target/broker-classpath.txt --partitions 5000
 * </pre>
 *
 * Options: {@code --partitions} (5000), {@code --topic-partitions} (500), {@code --brokers} (KAFKA,RUNNEL),
 * {@code --broker-jvm} ("-Xms1g -Xmx1g -XX:+UseG1GC"), {@code --dir} (data directories, deleted after each broker),
 * {@code --out} (broker logs and {@code idle-partitions.md}).
 */
public final class IdlePartitionHeap {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration HOSTED_TIMEOUT = Duration.ofMinutes(10);

    private IdlePartitionHeap() {}

    /** One broker's figures. */
    record Result(BrokerKind kind, int partitions, HeapSample before, HeapSample after) {
        double kibPerPartition() {
            return (double) (after.heapUsedKib() - before.heapUsedKib()) / partitions;
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> p = BrokerComparison.Options.pairs(args);
        int partitions = Integer.parseInt(p.getOrDefault("--partitions", "5000"));
        int perTopic = Integer.parseInt(p.getOrDefault("--topic-partitions", "500"));
        List<BrokerKind> kinds = Stream.of(
                        p.getOrDefault("--brokers", "KAFKA,RUNNEL").split(","))
                .map(s -> BrokerKind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                .toList();
        List<String> jvm = List.of(p.getOrDefault("--broker-jvm", "-Xms1g -Xmx1g -XX:+UseG1GC")
                .trim()
                .split("\\s+"));
        String classpath = BrokerProcess.childClasspath(
                Path.of(p.getOrDefault("--classpath-file", "bench/target/broker-classpath.txt")));
        Path dataRoot = Files.createDirectories(Path.of(p.getOrDefault(
                "--dir",
                Path.of(System.getProperty("java.io.tmpdir"), "runnel-idle-bench")
                        .toString())));
        Path out = Files.createDirectories(Path.of(p.getOrDefault("--out", "bench/results/idle-partitions")));

        List<Result> results = new ArrayList<>();
        for (BrokerKind kind : kinds) {
            Path data = Files.createTempDirectory(dataRoot, kind.name().toLowerCase(Locale.ROOT) + "-");
            try (BrokerProcess broker = BrokerProcess.start(
                    kind,
                    classpath,
                    jvm,
                    data,
                    out.resolve(kind.name().toLowerCase(Locale.ROOT) + "-broker.log"),
                    READY_TIMEOUT)) {
                HeapSample before = broker.heap(out);
                for (int created = 0, topic = 0; created < partitions; created += perTopic, topic++) {
                    broker.createTopic("idle-" + topic, Math.min(perTopic, partitions - created));
                }
                awaitHosted(data.resolve("logs"), partitions);
                HeapSample after = broker.heap(out);
                Result result = new Result(kind, partitions, before, after);
                results.add(result);
                System.out.printf(
                        "%s: heap %d -> %d KiB, %.1f KiB per idle partition%n",
                        kind.title(), before.heapUsedKib(), after.heapUsedKib(), result.kibPerPartition());
            } finally {
                deleteRecursively(data);
            }
        }
        String report = render(results, jvm);
        Files.writeString(out.resolve("idle-partitions.md"), report);
        System.out.println(report);
    }

    /** Waits until {@code partitions} partition directories exist under {@code logDir} (Kafka creates them late). */
    private static void awaitHosted(Path logDir, int partitions) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HOSTED_TIMEOUT.toNanos();
        while (true) {
            long hosted;
            try (Stream<Path> dirs = Files.list(logDir)) {
                hosted = dirs.filter(dir -> dir.getFileName().toString().startsWith("idle-") && Files.isDirectory(dir))
                        .count();
            }
            if (hosted >= partitions) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + hosted + " of " + partitions + " partitions hosted after "
                        + HOSTED_TIMEOUT.toMinutes() + " min");
            }
            // A harness polling a child process's directory, not a test: a short pause between looks is the point.
            Thread.sleep(200);
        }
    }

    static String render(List<Result> results, List<String> jvm) {
        StringBuilder md = new StringBuilder();
        md.append("Broker JVM: `").append(String.join(" ", jvm)).append("`\n\n");
        md.append("| Broker | Partitions | Heap before (MiB) | Heap after (MiB) | KiB per idle partition |"
                + " RSS after (MiB) |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (Result r : results) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %.1f | %.1f | %.1f | %.0f |%n",
                    r.kind().title(),
                    r.partitions(),
                    r.before().heapUsedKib() / 1024.0,
                    r.after().heapUsedKib() / 1024.0,
                    r.kibPerPartition(),
                    r.after().rssKib() / 1024.0));
        }
        return md.toString();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
