package io.runnel.broker.testkit;

import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.MetadataRequest;
import io.runnel.protocol.message.MetadataResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.awaitility.Awaitility;

/**
 * Apache Kafka 4's broker in this JVM: one KRaft node acting as broker and controller ({@link KafkaRaftServer}, the
 * server {@code kafka.Kafka} runs), its log directory formatted by Kafka's {@link StorageTool}. Both ports are chosen
 * once, so a {@link #restart()} comes back where clients expect it. Test scope only, as every use of Kafka's jars.
 */
final class KafkaTestCluster implements TestCluster {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaConfig config;
    private final int port;
    private final Path logDir;
    private KafkaRaftServer server;

    private KafkaTestCluster(KafkaConfig config, int port, Path logDir) {
        this.config = config;
        this.port = port;
        this.logDir = logDir;
        this.server = startServer();
    }

    static KafkaTestCluster start(Path dir, Map<String, String> overrides, int advertisedPort) throws IOException {
        int port = freePort();
        int controllerPort = freePort();
        Path logDir = Files.createDirectories(dir.resolve("kafka-logs"));
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + (advertisedPort == 0 ? port : advertisedPort));
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir.toString());
        // A single node: internal topics of one replica, as in Kafka's own config/server.properties.
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("num.network.threads", "1");
        p.setProperty("num.io.threads", "2");
        overrides.forEach(p::setProperty);
        format(p, dir.resolve("server.properties"));
        return new KafkaTestCluster(KafkaConfig.fromProps(p), port, logDir);
    }

    private static void format(Properties properties, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            properties.store(out, "Apache Kafka broker of a Runnel test");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(
                    new String[] {
                        "format",
                        "--config",
                        file.toString(),
                        "--cluster-id",
                        Uuid.randomUuid().toString()
                    },
                    print);
        }
        if (exit != 0) {
            throw new IOException(
                    "Kafka's StorageTool format failed with " + exit + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }

    private KafkaRaftServer startServer() {
        KafkaRaftServer started = new KafkaRaftServer(config, Time.SYSTEM);
        started.startup();
        // Asked directly, not through Kafka's Admin: the broker may advertise a proxy's port that forwards nowhere yet.
        try {
            Awaitility.await("Apache Kafka broker on port " + port + " serving metadata")
                    .atMost(READY_TIMEOUT)
                    .ignoreExceptions()
                    .until(() -> {
                        try (RawKafkaConnection raw = new RawKafkaConnection(port)) {
                            MetadataResponse metadata =
                                    raw.send(ApiKey.METADATA, new MetadataRequest(List.of(), false, false));
                            return !metadata.brokers().isEmpty();
                        }
                    });
        } catch (RuntimeException e) {
            stopServer(started);
            throw e;
        }
        return started;
    }

    private static void stopServer(KafkaRaftServer server) {
        server.shutdown();
        server.awaitShutdown();
    }

    @Override
    public Kind kind() {
        return Kind.KAFKA;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path partitionDir(String topic, int partition) {
        return logDir.resolve(topic + "-" + partition);
    }

    @Override
    public void restart() {
        stopServer(server);
        server = startServer();
    }

    @Override
    public void close() {
        stopServer(server);
    }

    @Override
    public String toString() {
        return "Apache Kafka broker on " + bootstrapServers();
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
