package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The side-by-side broker benchmark: Apache Kafka 4.4's broker and Runnel's, each started in its own child JVM with
 * the same heap and GC flags on loopback, loaded by Kafka's own performance tools, in alternating rounds (Kafka,
 * Runnel, Kafka, Runnel, ...). Per broker and round, on a fresh data directory:
 *
 * <ol>
 *   <li>start the broker, wait until it answers {@code describeCluster}, create two topics of 6 partitions
 *       (replication factor 1) with Kafka's {@code Admin};
 *   <li>warm-up, unreported: {@code --warmup-records} (default N/4) produced with {@code acks=1} into a third topic
 *       and read back, so that both JVMs have compiled their hot paths before the measured runs;
 *   <li>{@code ProducerPerformance}: {@code --num-records N --record-size 100 --throughput -1}, {@code acks=1}, into
 *       the first topic; then a full GC in the broker and its heap in use ({@code jcmd GC.run}, {@code GC.heap_info});
 *   <li>the same with {@code acks=all} (an idempotent producer, the client's default) into the second topic; heap;
 *   <li>{@code acks=all} again at a fixed {@code --fixed-rate} (default 20,000 records/s, {@code
 *       --fixed-rate-records}, default N/4, into a third topic): latency at the same load for both brokers (at {@code
 *       --throughput -1} latency is mostly time queued in the producer, so the faster broker always wins it);
 *   <li>consumer throughput over the first topic's N records: {@link AssignedConsumerPerformance} ({@code assign()},
 *       no group), then Kafka's {@code ConsumerPerformance} ({@code subscribe()}, a consumer group); heap;
 *   <li>SIGTERM the broker and delete its data.
 * </ol>
 *
 * The tools run in child JVMs too (their own heap; the broker's heap is measured alone). Output and every child's
 * log go to {@code --out}; the Markdown report is printed and written to {@code report.md} there.
 *
 * <pre>
 * bench/broker-compare.sh [--records 2000000] [--warmup-records RECORDS/4] [--rounds 2] [--fixed-rate 20000]
 *     [--fixed-rate-records RECORDS/4] [--broker-jvm "-Xms1g -Xmx1g -XX:+UseG1GC"] \
 *     [--tool-jvm "-Xmx1g"] [--dir /tmp/runnel-broker-bench] [--out bench/results/broker-TIME] \
 *     [--brokers KAFKA,RUNNEL] [--classpath-file bench/target/broker-classpath.txt]
 * </pre>
 */
public final class BrokerComparison {
    static final int PARTITIONS = 6;
    static final int RECORD_SIZE = 100;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
    /** A line that reports an error: an exception, a thread's death, an ERROR log line or a tool's WARNING. */
    private static final Pattern ERROR_LINE =
            Pattern.compile("^(Exception in thread|\\S+(Exception|Error)\\b|(\\[[^]]*\\] )?ERROR |WARNING:)");

    private final Options options;
    private final String classpath;
    /** The first command line of each kind of child, for the report. */
    private final Map<String, String> commandLines = new LinkedHashMap<>();

    private BrokerComparison(Options options, String classpath) {
        this.options = options;
        this.classpath = classpath;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        // The children need this module's own classes (AssignedConsumerPerformance) besides its dependencies.
        String classpath = BrokerProcess.childClasspath(options.classpathFile());
        Files.createDirectories(options.out());
        Files.createDirectories(options.dataDir());
        BrokerComparison comparison = new BrokerComparison(options, classpath);
        List<BrokerRun> runs = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            for (BrokerKind kind : options.brokers()) {
                BrokerRun run = comparison.runOnce(kind, round);
                runs.add(run);
                System.out.println(ComparisonReport.oneLine(run));
            }
        }
        String report = new ComparisonReport(options, comparison.commandLines(), runs).render();
        Files.writeString(options.out().resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Logs and report in " + options.out());
    }

    private BrokerRun runOnce(BrokerKind kind, int round) throws IOException, InterruptedException {
        String prefix = "r" + round + "-" + kind.name().toLowerCase(Locale.ROOT);
        Path data = Files.createTempDirectory(options.dataDir(), prefix + "-");
        List<String> failures = new ArrayList<>();
        String loadBefore = loadAverage();
        Optional<ProducerPerfResult> acksOne = Optional.empty();
        Optional<ProducerPerfResult> acksAll = Optional.empty();
        Optional<ProducerPerfResult> fixedRate = Optional.empty();
        Optional<ConsumerPerfResult> assigned = Optional.empty();
        Optional<ConsumerPerfResult> group = Optional.empty();
        HeapSample heapOne = HeapSample.UNKNOWN;
        HeapSample heapAll = HeapSample.UNKNOWN;
        HeapSample heapConsume = HeapSample.UNKNOWN;
        BrokerRun.Cpu cpu = BrokerRun.Cpu.UNKNOWN;
        System.out.printf("[round %d] starting %s%n", round, kind.title());
        try (BrokerProcess broker = BrokerProcess.start(
                kind,
                classpath,
                options.brokerJvm(),
                data,
                options.out().resolve(prefix + "-broker.log"),
                READY_TIMEOUT)) {
            String topicOne = "perf-acks1";
            String topicAll = "perf-acksall";
            broker.createTopic(topicOne, PARTITIONS);
            broker.createTopic(topicAll, PARTITIONS);
            warmUp(broker, prefix, failures);

            Optional<ProcessCpu.Millis> cpuStart = broker.cpuMillis();
            acksOne = produce(broker, topicOne, "1", prefix + "-produce-acks1.log", failures);
            Optional<ProcessCpu.Millis> acksOneCpu = cpuSince(broker, cpuStart, acksOne.isPresent());
            heapOne = heap(broker, failures);
            cpuStart = broker.cpuMillis();
            acksAll = produce(broker, topicAll, "all", prefix + "-produce-acksall.log", failures);
            Optional<ProcessCpu.Millis> acksAllCpu = cpuSince(broker, cpuStart, acksAll.isPresent());
            heapAll = heap(broker, failures);
            if (options.fixedRate() > 0) {
                String topicRate = "perf-fixedrate";
                broker.createTopic(topicRate, PARTITIONS);
                fixedRate = produce(
                        broker,
                        topicRate,
                        "all",
                        options.fixedRateRecords(),
                        options.fixedRate(),
                        prefix + "-produce-fixedrate.log",
                        failures);
            }
            cpuStart = broker.cpuMillis();
            assigned = consume(
                    broker,
                    consumerTool(
                            "io.runnel.bench.broker.AssignedConsumerPerformance",
                            broker,
                            topicOne,
                            options.records(),
                            List.of("--passes", Integer.toString(options.consumePasses()))),
                    prefix + "-consume-assigned.log",
                    failures);
            Optional<ProcessCpu.Millis> consumeCpu = cpuSince(broker, cpuStart, assigned.isPresent());
            cpu = new BrokerRun.Cpu(
                    acksOneCpu, acksAllCpu, consumeCpu, options.records(), options.records() * options.consumePasses());
            group = consume(
                    broker,
                    consumerTool("org.apache.kafka.tools.ConsumerPerformance", broker, topicOne),
                    prefix + "-consume-group.log",
                    failures);
            heapConsume = heap(broker, failures);
            if (broker.isAlive()) {
                broker.writeHistogram(options.out().resolve(prefix + "-histogram.txt"));
            }
        } catch (IOException e) {
            failures.add(kind.title() + ": " + e.getMessage());
        } finally {
            deleteRecursively(data);
        }
        return new BrokerRun(
                kind,
                round,
                acksOne,
                acksAll,
                fixedRate,
                assigned,
                group,
                heapOne,
                heapAll,
                heapConsume,
                cpu,
                loadBefore,
                loadAverage(),
                failures);
    }

    /**
     * Warms the broker's JIT up with the same work, unreported: {@code --warmup-records} produced with {@code acks=1}
     * into a topic of their own and read back with {@code assign()}.
     */
    private void warmUp(BrokerProcess broker, String prefix, List<String> failures)
            throws IOException, InterruptedException {
        if (options.warmupRecords() == 0) {
            return;
        }
        String topic = "perf-warmup";
        broker.createTopic(topic, PARTITIONS);
        produce(broker, topic, "1", options.warmupRecords(), -1, prefix + "-warmup-produce.log", failures);
        consume(
                broker,
                consumerTool(
                        "io.runnel.bench.broker.AssignedConsumerPerformance", broker, topic, options.warmupRecords()),
                options.warmupRecords(),
                prefix + "-warmup-consume.log",
                failures);
    }

    private Optional<ProducerPerfResult> produce(
            BrokerProcess broker, String topic, String acks, String logName, List<String> failures)
            throws IOException, InterruptedException {
        return produce(broker, topic, acks, options.records(), -1, logName, failures);
    }

    /** Runs {@code ProducerPerformance}; {@code throughput} is records/s, or -1 for as fast as the broker takes. */
    private Optional<ProducerPerfResult> produce(
            BrokerProcess broker,
            String topic,
            String acks,
            long records,
            long throughput,
            String logName,
            List<String> failures)
            throws IOException, InterruptedException {
        ChildJvm tool = new ChildJvm(
                classpath,
                options.toolJvm(),
                "org.apache.kafka.tools.ProducerPerformance",
                List.of(
                        "--bootstrap-server",
                        broker.bootstrapServers(),
                        "--topic",
                        topic,
                        "--num-records",
                        Long.toString(records),
                        "--record-size",
                        Integer.toString(RECORD_SIZE),
                        "--throughput",
                        Long.toString(throughput),
                        "--command-property",
                        "acks=" + acks));
        remember("produce acks=" + acks + ", " + records + " records at " + throughput + "/s", tool);
        ChildJvm.Completed done = tool.run(options.out().resolve(logName), toolTimeout());
        Optional<ProducerPerfResult> result = ProducerPerfResult.parse(done.output());
        if (done.exitCode() != 0 || result.isEmpty() || result.get().records() < records) {
            failures.add(failure(broker, "ProducerPerformance acks=" + acks, done, logName));
        }
        return result;
    }

    private ChildJvm consumerTool(String mainClass, BrokerProcess broker, String topic) {
        return consumerTool(mainClass, broker, topic, options.records());
    }

    private ChildJvm consumerTool(String mainClass, BrokerProcess broker, String topic, long records) {
        return consumerTool(mainClass, broker, topic, records, List.of());
    }

    private ChildJvm consumerTool(
            String mainClass, BrokerProcess broker, String topic, long records, List<String> extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--bootstrap-server",
                broker.bootstrapServers(),
                "--topic",
                topic,
                "--num-records",
                Long.toString(records),
                "--timeout",
                "15000"));
        args.addAll(extraArgs);
        return new ChildJvm(classpath, options.toolJvm(), mainClass, args);
    }

    private Optional<ConsumerPerfResult> consume(
            BrokerProcess broker, ChildJvm tool, String logName, List<String> failures)
            throws IOException, InterruptedException {
        return consume(broker, tool, options.records(), logName, failures);
    }

    private Optional<ConsumerPerfResult> consume(
            BrokerProcess broker, ChildJvm tool, long records, String logName, List<String> failures)
            throws IOException, InterruptedException {
        String name = tool.mainClass().substring(tool.mainClass().lastIndexOf('.') + 1);
        remember("consume " + name + ", " + records + " records", tool);
        ChildJvm.Completed done = tool.run(options.out().resolve(logName), toolTimeout());
        Optional<ConsumerPerfResult> result = ConsumerPerfResult.parse(done.output());
        if (done.exitCode() != 0 || result.isEmpty() || result.get().records() < records) {
            failures.add(failure(broker, name, done, logName));
        }
        return result;
    }

    /** CPU time the broker used since {@code start}; empty if unknown or the phase failed. */
    private static Optional<ProcessCpu.Millis> cpuSince(
            BrokerProcess broker, Optional<ProcessCpu.Millis> start, boolean phaseSucceeded) {
        Optional<ProcessCpu.Millis> now = broker.cpuMillis();
        if (!phaseSucceeded || start.isEmpty() || now.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(now.get().since(start.get()));
    }

    private HeapSample heap(BrokerProcess broker, List<String> failures) throws InterruptedException {
        if (!broker.isAlive()) {
            return HeapSample.UNKNOWN;
        }
        try {
            return broker.heap(options.out());
        } catch (IOException e) {
            failures.add(broker.kind().title() + ": heap measurement failed: " + e.getMessage());
            return HeapSample.UNKNOWN;
        }
    }

    private String failure(BrokerProcess broker, String phase, ChildJvm.Completed done, String logName) {
        String firstError = done.output().stream()
                .filter(l -> ERROR_LINE.matcher(l).find())
                .findFirst()
                .orElse(done.tail(1));
        return String.format(
                "%s, %s: exit %d%s; first error: %s (log %s)",
                broker.kind().title(),
                phase,
                done.exitCode(),
                broker.isAlive() ? "" : ", broker died",
                firstError.strip(),
                logName);
    }

    private Duration toolTimeout() {
        // At least 3 minutes; more for big runs, at a pessimistic 10,000 records/s.
        return Duration.ofSeconds(Math.max(180, options.records() / 10_000));
    }

    private void remember(String what, ChildJvm jvm) {
        commandLines.putIfAbsent(what, jvm.describe());
    }

    private Map<String, String> commandLines() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put(
                "Kafka broker",
                new ChildJvm(classpath, options.brokerJvm(), "kafka.Kafka", List.of("server.properties")).describe());
        all.put(
                "Runnel broker",
                new ChildJvm(
                                classpath,
                                options.brokerJvm(),
                                "io.runnel.broker.BrokerMain",
                                List.of("--config", "server.properties"))
                        .describe());
        all.putAll(commandLines);
        return all;
    }

    /** This machine's load averages ({@code /proc/loadavg}), recorded beside figures; "unknown" where unreadable. */
    public static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Deletes a scratch directory and everything under it; nothing if it does not exist. */
    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * The comparison's settings, from {@code --key value} arguments.
     *
     * @param records records per producer run (and per consumer run)
     * @param warmupRecords records produced and consumed, unreported, before the measured runs of each broker
     * @param fixedRate records/s of the extra {@code acks=all} run at a fixed rate (0: no such run); below both
     *     brokers' capacity, so that both see the same load and their latencies compare
     * @param fixedRateRecords records of that run
     * @param consumePasses how often the {@code assign()} consumer reads the data in one JVM, reporting its best pass:
     *     a single pass of a few million records takes a second or two, most of it in a cold consumer's JIT, which
     *     hides the brokers' difference
     * @param rounds how many times each broker runs
     * @param brokers the order within a round
     * @param brokerJvm JVM options of both brokers
     * @param toolJvm JVM options of the perf tools
     * @param classpathFile the file holding the children's class path ({@code mvn package} writes it)
     * @param dataDir where the brokers' data directories are made (and deleted after each run)
     * @param out where logs and the report go
     */
    record Options(
            long records,
            long warmupRecords,
            long fixedRate,
            long fixedRateRecords,
            int consumePasses,
            int rounds,
            List<BrokerKind> brokers,
            List<String> brokerJvm,
            List<String> toolJvm,
            Path classpathFile,
            Path dataDir,
            Path out) {

        Options {
            if (records <= 0) {
                throw new IllegalArgumentException("records must be > 0: " + records);
            }
            if (warmupRecords < 0) {
                throw new IllegalArgumentException("warmupRecords must be >= 0: " + warmupRecords);
            }
            if (fixedRate < 0 || fixedRateRecords <= 0) {
                throw new IllegalArgumentException(
                        "fixedRate must be >= 0 and fixedRateRecords > 0: " + fixedRate + ", " + fixedRateRecords);
            }
            if (consumePasses <= 0) {
                throw new IllegalArgumentException("consumePasses must be > 0: " + consumePasses);
            }
            if (rounds <= 0) {
                throw new IllegalArgumentException("rounds must be > 0: " + rounds);
            }
            brokers = List.copyOf(brokers);
            brokerJvm = List.copyOf(brokerJvm);
            toolJvm = List.copyOf(toolJvm);
        }

        static Options parse(String[] args) {
            Map<String, String> p = pairs(args);
            String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            long records = Long.parseLong(p.getOrDefault("--records", "200000"));
            return new Options(
                    records,
                    Long.parseLong(p.getOrDefault("--warmup-records", Long.toString(records / 4))),
                    Long.parseLong(p.getOrDefault("--fixed-rate", "20000")),
                    Long.parseLong(p.getOrDefault("--fixed-rate-records", Long.toString(Math.max(1, records / 4)))),
                    Integer.parseInt(p.getOrDefault("--consume-passes", "3")),
                    Integer.parseInt(p.getOrDefault("--rounds", "1")),
                    Arrays.stream(p.getOrDefault("--brokers", "KAFKA,RUNNEL").split(","))
                            .map(s -> BrokerKind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                            .toList(),
                    words(p.getOrDefault("--broker-jvm", "-Xms1g -Xmx1g -XX:+UseG1GC")),
                    words(p.getOrDefault("--tool-jvm", "-Xmx1g")),
                    Path.of(p.getOrDefault("--classpath-file", "bench/target/broker-classpath.txt")),
                    Path.of(p.getOrDefault(
                            "--dir",
                            Path.of(System.getProperty("java.io.tmpdir"), "runnel-broker-bench")
                                    .toString())),
                    Path.of(p.getOrDefault("--out", "bench/results/broker-" + time)));
        }

        /** {@code --key value} pairs. */
        static Map<String, String> pairs(String[] args) {
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("expected --key value pairs: " + String.join(" ", args));
            }
            Map<String, String> pairs = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected an option, got '" + args[i] + "'");
                }
                pairs.put(args[i], args[i + 1]);
            }
            return pairs;
        }

        private static List<String> words(String text) {
            return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
        }
    }
}
