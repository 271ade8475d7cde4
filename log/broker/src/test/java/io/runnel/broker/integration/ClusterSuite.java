package io.runnel.broker.integration;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.client.admin.Admin;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the client suites share: one broker of a {@link TestCluster.Kind} for the whole class, started before its first
 * test and stopped after its last, with topic auto-creation off, and a Runnel {@link Admin} on it. A suite's concrete
 * classes ({@code ...OnRunnelIT}, {@code ...OnKafkaIT}) only choose the kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterSuite {
    private final TestCluster.Kind kind;
    TestCluster cluster;
    Admin admin;

    ClusterSuite(TestCluster.Kind kind) {
        this.kind = kind;
    }

    /** The port the broker tells clients to use: 0 for its own; a suite with a proxy in front returns the proxy's. */
    int advertisedPort() throws Exception {
        return 0;
    }

    /** Broker configs by Kafka's key names, beside topic auto-creation off; a suite adds its own. */
    Map<String, String> brokerConfigs() {
        return Map.of("auto.create.topics.enable", "false");
    }

    /** Where the suite's clients connect. */
    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @BeforeAll
    void startCluster(@TempDir Path dir) throws Exception {
        cluster = kind.start(dir, brokerConfigs(), advertisedPort());
        admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "default.api.timeout.ms", "30000"));
    }

    @AfterAll
    void stopCluster() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
