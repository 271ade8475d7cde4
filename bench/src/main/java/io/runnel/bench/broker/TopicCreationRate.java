package io.runnel.bench.broker;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.client.admin.Admin;
import io.runnel.client.admin.NewTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Whether creating a topic gets slower as topics accumulate: one broker in this JVM (embedded ZooKeeper, data in a
 * scratch directory), one admin client creating {@code --topics} single-partition topics one request at a time, and
 * the rate (topics per second) of every block of {@code --block} creations. A broker whose per-creation work is
 * constant shows the same rate in the first and the last block.
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/broker-classpath.txt) io.runnel.bench.broker.TopicCreationRate \
 *     --topics 5000 --block 1000
 * </pre>
 *
 * Options: {@code --topics} (5000), {@code --block} (1000), {@code --dir} (scratch directory, deleted afterwards).
 */
public final class TopicCreationRate {
    private TopicCreationRate() {}

    public static void main(String[] args)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Map<String, String> p = BrokerComparison.Options.pairs(args);
        int topics = Integer.parseInt(p.getOrDefault("--topics", "5000"));
        int block = Integer.parseInt(p.getOrDefault("--block", "1000"));
        Path dir = Files.createTempDirectory(
                Path.of(p.getOrDefault("--dir", System.getProperty("java.io.tmpdir"))), "runnel-topic-rate");
        List<Double> rates = new ArrayList<>();
        try (Broker broker = Broker.start(BrokerConfig.fromMap(Map.of(
                        "listeners",
                        "PLAINTEXT://127.0.0.1:0",
                        "log.dirs",
                        dir.resolve("logs").toString())));
                Admin admin = Admin.create(adminConfig(broker.bootstrapServers()))) {
            long blockStart = System.nanoTime();
            for (int i = 0; i < topics; i++) {
                admin.createTopics(List.of(new NewTopic("rate-" + i, 1, (short) 1)))
                        .all()
                        .get(60, TimeUnit.SECONDS);
                if ((i + 1) % block == 0) {
                    long now = System.nanoTime();
                    double rate = block / ((now - blockStart) / 1e9);
                    rates.add(rate);
                    System.out.printf(Locale.ROOT, "topics %6d-%6d: %8.1f topics/s%n", i + 2 - block, i + 1, rate);
                    blockStart = now;
                }
            }
        } finally {
            deleteRecursively(dir);
        }
        if (rates.size() >= 2) {
            System.out.printf(
                    Locale.ROOT, "last block / first block: %.2f%n", rates.get(rates.size() - 1) / rates.get(0));
        }
    }

    private static Properties adminConfig(String bootstrap) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", bootstrap);
        return properties;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
