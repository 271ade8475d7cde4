package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code runnel} commands against a broker in this JVM: topics, produce from stdin, consume, and failures. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunnelCliIT {
    @TempDir
    static Path dir;

    static Broker broker;

    @BeforeAll
    static void startBroker() {
        broker = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "auto.create.topics.enable", "false")));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static CommandRun runnel(String stdin, String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-server";
        all[args.length + 1] = broker.bootstrapServers();
        return CommandRun.withInput(stdin, all);
    }

    @Test
    void shouldCreateListDescribeAndDeleteTopics() {
        CommandRun created =
                runnel("", "topics", "create", "-t", "cli-orders", "-p", "3", "--config", "retention.ms=60000");
        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).contains("Created topic cli-orders.");

        assertThat(runnel("", "topics", "list").lines()).contains("cli-orders");

        CommandRun described = runnel("", "topics", "describe", "-t", "cli-orders");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.lines().get(0)).contains("Topic: cli-orders", "PartitionCount: 3", "ReplicationFactor: 1");
        assertThat(described.lines()).hasSize(4);
        assertThat(described.lines().get(3)).contains("Partition: 2", "Leader: 0", "Replicas: 0", "Isr: 0");

        CommandRun again = runnel("", "topics", "create", "-t", "cli-orders");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err().lines().toList()).hasSize(1);
        assertThat(again.err()).startsWith("runnel: ").contains("cli-orders");
        assertThat(runnel("", "topics", "create", "-t", "cli-orders", "--if-not-exists")
                        .exitCode())
                .isZero();

        CommandRun deleted = runnel("", "topics", "delete", "-t", "cli-orders");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted topic cli-orders.");
        assertThat(runnel("", "topics", "delete", "-t", "cli-orders", "--if-exists")
                        .exitCode())
                .isZero();
    }

    @Test
    void shouldFailWithOneLineWhenTheTopicDoesNotExist() {
        CommandRun described = runnel("", "topics", "describe", "-t", "cli-missing");
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.err().lines().toList()).hasSize(1);
        assertThat(described.err()).contains("cli-missing");
    }

    @Test
    void shouldFailWithOneLineWhenNoBrokerListens() {
        CommandRun listed =
                CommandRun.run("topics", "list", "--bootstrap-server", "127.0.0.1:1", "--timeout-ms", "2000");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.err().lines().toList()).hasSize(1);
        assertThat(listed.err()).startsWith("runnel: ");
    }
}
