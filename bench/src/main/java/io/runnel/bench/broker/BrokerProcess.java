package io.runnel.bench.broker;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * One broker running in a child JVM on loopback, with its data in a fresh directory: started by {@link #start},
 * ready when its {@link Admin} answers {@code describeCluster}, stopped by {@link #close()} with SIGTERM (the graceful
 * shutdown of both brokers), forcibly after a minute. Not thread-safe: the comparison's main thread owns it.
 *
 * <p>Apache Kafka runs in KRaft mode, one node acting as broker and controller ({@code process.roles=broker,controller},
 * a static one-voter quorum), after {@code kafka.tools.StorageTool format} has formatted its log directory. Runnel
 * runs {@code io.runnel.broker.BrokerMain --config file} with no {@code zookeeper.connect}, so it starts its embedded
 * ZooKeeper. Both keep every other setting at its default: fsync left to the OS, 1 GiB segments, 3 network and 8 I/O
 * threads; topic auto-creation is off on both.
 *
 * <p>Used by {@link BrokerComparison} and by the client benchmarks ({@code io.runnel.bench.client}), which start one
 * broker per JMH trial outside the measured JVM.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);

    private final BrokerKind kind;
    private final Process process;
    private final String bootstrapServers;
    private final Path logFile;
    private final ChildJvm jvm;
    private boolean closed;

    private BrokerProcess(BrokerKind kind, Process process, String bootstrapServers, Path logFile, ChildJvm jvm) {
        this.kind = kind;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.logFile = logFile;
        this.jvm = jvm;
    }

    /**
     * Formats (Kafka) and starts a broker, and waits until it serves.
     *
     * @param dataDir an empty directory for its configuration and logs
     * @param logFile where the broker's output goes
     * @throws IOException if it cannot be started or does not become ready within {@code readyTimeout}
     */
    public static BrokerProcess start(
            BrokerKind kind,
            String classpath,
            List<String> jvmOptions,
            Path dataDir,
            Path logFile,
            Duration readyTimeout)
            throws IOException, InterruptedException {
        return start(kind, classpath, jvmOptions, dataDir, logFile, readyTimeout, Map.of());
    }

    /**
     * As {@link #start(BrokerKind, String, List, Path, Path, Duration)}, with {@code overrides} written into the
     * broker's {@code server.properties} over the settings above; both brokers take Kafka's key names, so the same map
     * configures both alike.
     */
    public static BrokerProcess start(
            BrokerKind kind,
            String classpath,
            List<String> jvmOptions,
            Path dataDir,
            Path logFile,
            Duration readyTimeout,
            Map<String, String> overrides)
            throws IOException, InterruptedException {
        int port = freePort();
        Path logDirs = Files.createDirectories(dataDir.resolve("logs"));
        Path config = dataDir.resolve("server.properties");
        ChildJvm jvm;
        if (kind == BrokerKind.KAFKA) {
            int controllerPort = freePort();
            write(config, withOverrides(kafkaConfig(port, controllerPort, logDirs), overrides));
            format(classpath, config, logFile.resolveSibling(logFile.getFileName() + ".format"));
            jvm = new ChildJvm(classpath, jvmOptions, "kafka.Kafka", List.of(config.toString()));
        } else {
            write(config, withOverrides(runnelConfig(port, logDirs), overrides));
            jvm = new ChildJvm(
                    classpath, jvmOptions, "io.runnel.broker.BrokerMain", List.of("--config", config.toString()));
        }
        String bootstrap = "127.0.0.1:" + port;
        BrokerProcess broker = new BrokerProcess(kind, jvm.start(logFile), bootstrap, logFile, jvm);
        try {
            broker.awaitReady(readyTimeout);
        } catch (IOException | RuntimeException | InterruptedException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    /**
     * The class path of a broker child JVM: this module's {@code target/classes} (beside {@code classpathFile}) and
     * the runtime class path that {@code mvn package} writes to {@code classpathFile} (reactor modules as their
     * {@code target/} jars, everything else from {@code ~/.m2}). The Kafka broker is not in {@code benchmarks.jar},
     * so children cannot run from it.
     *
     * @param classpathFile {@code bench/target/broker-classpath.txt}
     * @throws IOException if the file cannot be read
     */
    public static String childClasspath(Path classpathFile) throws IOException {
        Path benchClasses = classpathFile.toAbsolutePath().resolveSibling("classes");
        return benchClasses
                + File.pathSeparator
                + Files.readString(classpathFile, StandardCharsets.UTF_8).trim();
    }

    /** Creates a topic with {@code partitions} partitions, replication factor 1, and waits until it exists. */
    public void createTopic(String topic, int partitions) throws IOException, InterruptedException {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException(kind.title() + " did not create topic " + topic + ": " + e, e);
        }
    }

    /** Forces a full GC in the broker and measures its heap and resident set. */
    HeapSample heap(Path scratch) throws IOException, InterruptedException {
        return HeapSample.measure(process.pid(), scratch);
    }

    /** CPU time the broker process has used so far; empty if unknown. */
    Optional<ProcessCpu.Millis> cpuMillis() {
        return ProcessCpu.millis(process.pid());
    }

    /** Writes the broker's largest heap users (class histogram, after a full GC) to {@code file}. */
    void writeHistogram(Path file) throws IOException, InterruptedException {
        HeapSample.writeHistogram(process.pid(), file, 30);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public BrokerKind kind() {
        return kind;
    }

    /** The broker's command line, without the class path. */
    public String describe() {
        return jvm.describe();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The last lines the broker printed, for error reports. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** Stops the broker: SIGTERM, then SIGKILL if it has not exited after a minute. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.destroy();
        try {
            if (!process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                System.err.printf("%s did not stop within %s of SIGTERM; killing it%n", kind.title(), SHUTDOWN_TIMEOUT);
                process.destroyForcibly();
                process.waitFor(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        try (Admin admin = admin()) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException(
                            kind.title() + " exited with " + process.exitValue() + " while starting:\n" + logTail(30));
                }
                try {
                    if (!admin.describeCluster()
                            .nodes()
                            .get(5, TimeUnit.SECONDS)
                            .isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(250);
            }
        }
        throw new IOException(
                kind.title() + " not ready after " + timeout + " (last error: " + last + "):\n" + logTail(30));
    }

    private static void format(String classpath, Path config, Path log) throws IOException, InterruptedException {
        ChildJvm format = new ChildJvm(
                classpath,
                List.of("-Xmx256m"),
                "kafka.tools.StorageTool",
                List.of(
                        "format",
                        "--config",
                        config.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString()));
        ChildJvm.Completed done = format.run(log, Duration.ofMinutes(2));
        if (done.exitCode() != 0) {
            throw new IOException(
                    "kafka.tools.StorageTool format failed (exit " + done.exitCode() + "):\n" + done.tail(20));
        }
    }

    static Properties kafkaConfig(int port, int controllerPort, Path logDirs) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("auto.create.topics.enable", "false");
        // A single node: the internal topics cannot have more replicas (as in Kafka's own config/server.properties).
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    static Properties runnelConfig(int port, Path logDirs) {
        Properties p = new Properties();
        p.setProperty("broker.id", "1");
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("auto.create.topics.enable", "false");
        return p;
    }

    private static Properties withOverrides(Properties base, Map<String, String> overrides) {
        overrides.forEach(base::setProperty);
        return base;
    }

    private static void write(Path file, Properties properties) throws IOException {
        List<String> lines = new ArrayList<>();
        properties.stringPropertyNames().stream().sorted().forEach(k -> lines.add(k + "=" + properties.getProperty(k)));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
