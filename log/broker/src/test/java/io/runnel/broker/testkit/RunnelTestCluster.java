package io.runnel.broker.testkit;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runnel's broker in this JVM, with its embedded ZooKeeper; restarts keep the port and the data. */
final class RunnelTestCluster implements TestCluster {
    private final Map<String, String> config;
    private final Path logDir;
    private Broker broker;

    private RunnelTestCluster(Map<String, String> config, Path logDir) {
        this.config = config;
        this.logDir = logDir;
        this.broker = Broker.start(BrokerConfig.fromMap(config));
    }

    static RunnelTestCluster start(Path dir, Map<String, String> overrides, int advertisedPort) {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "PLAINTEXT://127.0.0.1:0");
        config.put("log.dirs", dir.resolve("logs").toString());
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "1");
        if (advertisedPort != 0) {
            config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + advertisedPort);
        }
        config.putAll(overrides);
        return new RunnelTestCluster(config, dir.resolve("logs"));
    }

    @Override
    public Kind kind() {
        return Kind.RUNNEL;
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + broker.port();
    }

    @Override
    public int port() {
        return broker.port();
    }

    @Override
    public Path partitionDir(String topic, int partition) {
        return logDir.resolve(topic + "-" + partition);
    }

    @Override
    public void restart() {
        int port = broker.port();
        broker.close();
        Map<String, String> again = new HashMap<>(config);
        again.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
        broker = Broker.start(BrokerConfig.fromMap(again));
    }

    @Override
    public void close() {
        broker.close();
    }

    @Override
    public String toString() {
        return "Runnel broker on " + bootstrapServers();
    }
}
