package io.runnel.bench.group;

import io.runnel.bench.broker.BrokerComparison;
import io.runnel.bench.broker.BrokerKind;
import io.runnel.bench.broker.BrokerProcess;
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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The consumer group benchmark: Runnel's broker against Apache Kafka 4.4's, each in a child JVM on loopback (the
 * broker comparison's {@link BrokerProcess}, same JVM flags, same broker settings for the group coordinator), with
 * groups of Kafka's own {@code KafkaConsumer} (kafka-clients 4.4, {@code group.protocol=classic}) running in this JVM,
 * each member on a thread of its own polling in a loop ({@link PollingMember}).
 *
 * <p>Rounds alternate the order of the brokers (Kafka then Runnel, then Runnel then Kafka, ...). Per broker and round,
 * on a fresh data directory ({@link GroupRound}): a topic of {@code --partitions} (60); for the eager protocol
 * ({@code RangeAssignor}) and the cooperative one ({@code CooperativeStickyAssignor}), a group of {@code --members}
 * (10) that is waited for until stable, then {@code --cycles} timed cycles (after {@code --warmup-cycles} untimed)
 * of one member leaving and one joining, each timed until the group is stable again ({@link GroupView}); then one
 * member's {@code commitSync} rate, of one partition's offset and of all the topic's.
 *
 * <p>Writes {@code results.csv} (every measurement) and {@code report.md} (per-round figures, the median of the
 * per-round Runnel / Kafka ratios) to {@code --out}, with each broker's log.
 *
 * <pre>
 * bench/group-compare.sh [--rounds 1] [--cycles 3] [--warmup-cycles 1] [--members 10] [--partitions 60]
 *     [--session-timeout-ms 10000] [--heartbeat-interval-ms 100] [--max-poll-interval-ms 30000]
 *     [--initial-rebalance-delay-ms 3000] [--offsets-topic-partitions 50] [--poll-ms 100] [--settle-ms 1000]
 *     [--commit-seconds 10] [--commit-warmup-seconds 3] [--brokers KAFKA,RUNNEL]
 *     [--broker-jvm "-Xms1g -Xmx1g -XX:+UseG1GC"] [--dir /tmp/runnel-group-bench] [--out bench/results/group-TIME]
 * </pre>
 */
public final class GroupRebalanceComparison {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private GroupRebalanceComparison() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        String classpath = BrokerProcess.childClasspath(options.classpathFile());
        Files.createDirectories(options.out());
        Files.createDirectories(options.dataDir());
        List<Measurement> measurements = new ArrayList<>();
        Map<String, String> loads = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            List<BrokerKind> order = new ArrayList<>(options.brokers());
            if (round % 2 == 0) {
                Collections.reverse(order);
            }
            for (BrokerKind kind : order) {
                String prefix = "r" + round + "-" + kind.name().toLowerCase(Locale.ROOT);
                String before = BrokerComparison.loadAverage();
                Path data = Files.createTempDirectory(options.dataDir(), prefix + "-");
                System.out.printf("[round %d] starting %s (load %s)%n", round, kind.title(), before);
                try (BrokerProcess broker = BrokerProcess.start(
                        kind,
                        classpath,
                        options.brokerJvm(),
                        data,
                        options.out().resolve(prefix + "-broker.log"),
                        READY_TIMEOUT,
                        options.brokerOverrides())) {
                    GroupRound run = new GroupRound(options, broker, round);
                    try {
                        run.run();
                    } finally {
                        measurements.addAll(run.measurements());
                        failures.addAll(run.failures());
                    }
                } catch (IOException e) {
                    failures.add(kind.title() + ", round " + round + ": " + e.getMessage());
                } finally {
                    BrokerComparison.deleteRecursively(data);
                }
                loads.put(
                        "round " + round + " " + kind.title(),
                        "before " + before + "; after " + BrokerComparison.loadAverage());
            }
        }
        List<String> csv = new ArrayList<>();
        csv.add(Measurement.CSV_HEADER);
        measurements.forEach(m -> csv.add(m.csvLine()));
        Files.write(options.out().resolve("results.csv"), csv, StandardCharsets.UTF_8);
        String report = new GroupReport(options.describe(), measurements, loads, failures).render();
        Files.writeString(options.out().resolve("report.md"), report, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(report);
        System.out.println("Raw results, report and broker logs in " + options.out());
    }

    /**
     * The benchmark's settings, from {@code --key value} arguments.
     *
     * @param rounds how many times each broker runs
     * @param cycles timed leave/join cycles per protocol, broker and round
     * @param warmupCycles untimed cycles before them
     * @param members the group's size
     * @param partitions the topic's partition count
     * @param sessionTimeoutMs the consumers' {@code session.timeout.ms}
     * @param heartbeatIntervalMs the consumers' {@code heartbeat.interval.ms}
     * @param maxPollIntervalMs the consumers' {@code max.poll.interval.ms}, which is also their rebalance timeout
     * @param initialRebalanceDelayMs both brokers' {@code group.initial.rebalance.delay.ms}
     * @param offsetsTopicPartitions both brokers' {@code offsets.topic.num.partitions}
     * @param pollTimeout each member's {@code poll} timeout
     * @param settle how long a stable group is watched for a further rebalance before the next change
     * @param stableTimeout how long a group may take to become stable before the scenario fails
     * @param commitWarmUp unmeasured commit loop before each measured one
     * @param commitTime the measured commit loop
     * @param brokers the order of the brokers in odd rounds (reversed in even ones)
     * @param brokerJvm JVM options of both brokers
     * @param classpathFile the children's class path file ({@code mvn package} writes it)
     * @param dataDir where the brokers' data directories are made (and deleted after each run)
     * @param out where the results, the report and the broker logs go
     */
    record Options(
            int rounds,
            int cycles,
            int warmupCycles,
            int members,
            int partitions,
            int sessionTimeoutMs,
            int heartbeatIntervalMs,
            int maxPollIntervalMs,
            int initialRebalanceDelayMs,
            int offsetsTopicPartitions,
            Duration pollTimeout,
            Duration settle,
            Duration stableTimeout,
            Duration commitWarmUp,
            Duration commitTime,
            List<BrokerKind> brokers,
            List<String> brokerJvm,
            Path classpathFile,
            Path dataDir,
            Path out) {

        Options {
            positive("rounds", rounds);
            positive("cycles", cycles);
            positive("members", members);
            positive("partitions", partitions);
            if (warmupCycles < 0) {
                throw new IllegalArgumentException("warmupCycles must be >= 0: " + warmupCycles);
            }
            if (heartbeatIntervalMs <= 0 || heartbeatIntervalMs >= sessionTimeoutMs) {
                throw new IllegalArgumentException("heartbeatIntervalMs must be > 0 and below sessionTimeoutMs: "
                        + heartbeatIntervalMs + ", " + sessionTimeoutMs);
            }
            brokers = List.copyOf(brokers);
            brokerJvm = List.copyOf(brokerJvm);
        }

        private static void positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0: " + value);
            }
        }

        /** The broker settings both brokers get over the broker comparison's. */
        Map<String, String> brokerOverrides() {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("group.initial.rebalance.delay.ms", Integer.toString(initialRebalanceDelayMs));
            overrides.put("offsets.topic.num.partitions", Integer.toString(offsetsTopicPartitions));
            return overrides;
        }

        /** Every member's settings (the same against both brokers); the member adds its client id. */
        Map<String, Object> consumerConfig(String bootstrapServers, String groupId, Scenario.Protocol protocol) {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, protocol.assignorClass());
            config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
            config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, heartbeatIntervalMs);
            config.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, maxPollIntervalMs);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            return config;
        }

        /** The settings as Markdown, for the report. */
        String describe() {
            Map<String, Object> consumer = consumerConfig("<broker>", "<group>", Scenario.Protocol.EAGER);
            consumer.put(
                    ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    "RangeAssignor (eager) | CooperativeStickyAssignor (cooperative)");
            StringBuilder b = new StringBuilder();
            b.append(String.format(
                    Locale.ROOT,
                    "%d round(s), brokers alternating (%s first in odd rounds); per protocol, broker and round a group"
                            + " of %d members on a topic of %d partitions, %d untimed and %d timed leave/join"
                            + " cycle(s); %s settle after each stable group; poll(%d ms) loops; commit loops of %d s"
                            + " after %d s of warm-up.\n\n",
                    rounds,
                    brokers.get(0).title(),
                    members,
                    partitions,
                    warmupCycles,
                    cycles,
                    settle,
                    pollTimeout.toMillis(),
                    commitTime.toSeconds(),
                    commitWarmUp.toSeconds()));
            b.append("- Broker JVM (both): `")
                    .append(String.join(" ", brokerJvm))
                    .append("`\n");
            b.append("- Broker settings over the broker comparison's (both): `")
                    .append(brokerOverrides())
                    .append("`\n");
            b.append("- Consumer settings (both; kafka-clients 4.4 `KafkaConsumer`): `")
                    .append(consumer)
                    .append("`\n");
            return b.toString();
        }

        static Options parse(String[] args) {
            Map<String, String> p = pairs(args);
            String time = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").format(ZonedDateTime.now(ZoneOffset.UTC));
            Options options = new Options(
                    integer(p, "--rounds", 1),
                    integer(p, "--cycles", 3),
                    integer(p, "--warmup-cycles", 1),
                    integer(p, "--members", 10),
                    integer(p, "--partitions", 60),
                    integer(p, "--session-timeout-ms", 10_000),
                    integer(p, "--heartbeat-interval-ms", 100),
                    integer(p, "--max-poll-interval-ms", 30_000),
                    integer(p, "--initial-rebalance-delay-ms", 3000),
                    integer(p, "--offsets-topic-partitions", 50),
                    Duration.ofMillis(integer(p, "--poll-ms", 100)),
                    Duration.ofMillis(integer(p, "--settle-ms", 1000)),
                    Duration.ofSeconds(integer(p, "--stable-timeout-seconds", 90)),
                    Duration.ofSeconds(integer(p, "--commit-warmup-seconds", 3)),
                    Duration.ofSeconds(integer(p, "--commit-seconds", 10)),
                    Arrays.stream(string(p, "--brokers", "KAFKA,RUNNEL").split(","))
                            .map(s -> BrokerKind.valueOf(s.trim().toUpperCase(Locale.ROOT)))
                            .toList(),
                    words(string(p, "--broker-jvm", "-Xms1g -Xmx1g -XX:+UseG1GC")),
                    Path.of(string(p, "--classpath-file", "bench/target/broker-classpath.txt")),
                    Path.of(string(
                            p,
                            "--dir",
                            Path.of(System.getProperty("java.io.tmpdir"), "runnel-group-bench")
                                    .toString())),
                    Path.of(string(p, "--out", "bench/results/group-" + time)));
            if (!p.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + p.keySet());
            }
            return options;
        }

        private static String string(Map<String, String> p, String key, String defaultValue) {
            String v = p.remove(key);
            return v == null ? defaultValue : v;
        }

        private static int integer(Map<String, String> p, String key, int defaultValue) {
            String v = p.remove(key);
            return v == null ? defaultValue : Integer.parseInt(v);
        }

        private static Map<String, String> pairs(String[] args) {
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
