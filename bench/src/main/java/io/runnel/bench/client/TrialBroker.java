package io.runnel.bench.client;

import io.runnel.bench.broker.BrokerKind;
import io.runnel.bench.broker.BrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The broker of one JMH trial: a {@link BrokerProcess} (Runnel's or Apache Kafka's) in a child JVM on loopback, with
 * its data and log in a fresh directory that {@link #close()} deletes. The broker must not run inside the JMH fork:
 * {@code -prof gc} counts every allocation of the fork, and the broker's would swamp the client's.
 *
 * <p>Not thread-safe: the benchmark's setup and teardown own it.
 */
final class TrialBroker implements AutoCloseable {
    /** The broker comparison's broker JVM ({@code BrokerComparison --broker-jvm} default): Kafka at its best here. */
    static final List<String> BROKER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC");

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Path directory;
    private final BrokerProcess broker;

    private TrialBroker(Path directory, BrokerProcess broker) {
        this.directory = directory;
        this.broker = broker;
    }

    /**
     * Starts a broker and creates {@code topic} on it.
     *
     * @param parent where the trial's directory is made; empty for {@code <java.io.tmpdir>/runnel-client-bench}
     * @param classpathFile the class path file {@code mvn package} writes ({@code bench/target/broker-classpath.txt})
     * @throws IOException if the broker does not start or the topic is not created
     */
    static TrialBroker start(BrokerKind kind, String parent, String classpathFile, String topic, int partitions)
            throws IOException, InterruptedException {
        Path parentDir = parent.isEmpty()
                ? Path.of(System.getProperty("java.io.tmpdir"), "runnel-client-bench")
                : Path.of(parent);
        Files.createDirectories(parentDir);
        Path directory = Files.createTempDirectory(parentDir, kind.name().toLowerCase(Locale.ROOT) + "-");
        Path data = Files.createDirectories(directory.resolve("data"));
        BrokerProcess broker;
        try {
            broker = BrokerProcess.start(
                    kind,
                    BrokerProcess.childClasspath(Path.of(classpathFile)),
                    BROKER_JVM,
                    data,
                    directory.resolve("broker.log"),
                    READY_TIMEOUT);
        } catch (IOException | RuntimeException | InterruptedException e) {
            deleteRecursively(directory);
            throw e;
        }
        TrialBroker trial = new TrialBroker(directory, broker);
        try {
            broker.createTopic(topic, partitions);
        } catch (IOException | RuntimeException | InterruptedException e) {
            trial.close();
            throw e;
        }
        return trial;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    /**
     * The sum of the end offsets of {@code topic}'s partitions: the number of records it holds, since the trial's
     * topic starts empty and nothing is deleted. Asked through Kafka's {@link Admin} (both brokers answer it).
     *
     * @throws IOException if the broker does not answer within a minute
     */
    long recordCount(String topic, int partitions) throws IOException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            long sum = 0;
            for (ListOffsetsResult.ListOffsetsResultInfo info :
                    admin.listOffsets(request).all().get(60, TimeUnit.SECONDS).values()) {
                sum += info.offset();
            }
            return sum;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot list the end offsets of " + topic + ": " + e, e);
        }
    }

    /** Throws with the broker's last log lines if it has died; for error reports from the benchmarks. */
    void checkAlive() {
        if (!broker.isAlive()) {
            throw new IllegalStateException(broker.kind().title() + " broker died:\n" + broker.logTail(30));
        }
    }

    /** Stops the broker and deletes its directory. Idempotent. */
    @Override
    public void close() throws IOException {
        broker.close();
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(TrialBroker::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
