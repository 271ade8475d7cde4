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
        assertThat(described.lines().get(0))
                .contains(
                        "Topic: cli-orders",
                        "PartitionCount: 3",
                        "ReplicationFactor: 1",
                        "Configs: retention.ms=60000");
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
    void shouldConsumeWhatWasProducedFromStandardInput() {
        assertThat(runnel("", "topics", "create", "-t", "cli-greetings", "-p", "1")
                        .exitCode())
                .isZero();

        CommandRun produced = runnel("k1:hello\nk2:world: again\nk3:\n", "produce", "-t", "cli-greetings", "-k", ":");
        assertThat(produced.exitCode()).as(produced.err()).isZero();

        CommandRun consumed = runnel("", "consume", "-t", "cli-greetings", "--from-beginning", "--max-messages", "3");
        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.lines()).containsExactly("0\t0\tk1\thello", "0\t1\tk2\tworld: again", "0\t2\tk3\t");

        CommandRun fromOffset =
                runnel("", "consume", "-t", "cli-greetings", "-p", "0", "--offset", "1", "-n", "1", "--value-only");
        assertThat(fromOffset.lines()).containsExactly("world: again");
    }

    @Test
    void shouldStopWhenIdleAndPrintLinesWithoutKeysAsNull() {
        assertThat(runnel("", "topics", "create", "-t", "cli-plain", "-p", "2").exitCode())
                .isZero();
        assertThat(runnel("a\nb\nc\n", "produce", "-t", "cli-plain", "-p", "1").exitCode())
                .isZero();

        CommandRun consumed = runnel("", "consume", "-t", "cli-plain", "--from-beginning", "--idle-timeout-ms", "1500");

        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.lines()).containsExactly("1\t0\tnull\ta", "1\t1\tnull\tb", "1\t2\tnull\tc");
    }

    @Test
    void shouldFailWithOneLineWhenTheTopicDoesNotExist() {
        CommandRun described = runnel("", "topics", "describe", "-t", "cli-missing");
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.err().lines().toList()).hasSize(1);
        assertThat(described.err()).contains("cli-missing");

        CommandRun consumed = runnel("", "consume", "-t", "cli-missing", "--from-beginning", "-n", "1");
        assertThat(consumed.exitCode()).isEqualTo(1);
        assertThat(consumed.err().lines().toList()).hasSize(1);

        CommandRun produced = runnel("x\n", "produce", "-t", "cli-missing", "--timeout-ms", "3000");
        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err()).startsWith("runnel: produce failed after 0 acknowledged records");
    }

    @Test
    void shouldStopAtALineWithoutTheKeySeparatorKeepingTheLinesBeforeIt() {
        assertThat(runnel("", "topics", "create", "-t", "cli-bad-lines", "-p", "1")
                        .exitCode())
                .isZero();

        CommandRun produced = runnel("a:1\nno separator\nb:2\n", "produce", "-t", "cli-bad-lines", "-k", ":");

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err().trim()).isEqualTo("runnel: line 2 has no key separator ':'");
        CommandRun consumed =
                runnel("", "consume", "-t", "cli-bad-lines", "--from-beginning", "--idle-timeout-ms", "1500");
        assertThat(consumed.lines()).containsExactly("0\t0\ta\t1");
    }

    @Test
    void shouldFailWithOneLineWhenNoBrokerListens() {
        CommandRun listed =
                CommandRun.run("topics", "list", "--bootstrap-server", "127.0.0.1:1", "--timeout-ms", "2000");

        assertThat(listed.exitCode()).isEqualTo(1);
        assertThat(listed.err().lines().toList()).hasSize(1);
        assertThat(listed.err())
                .startsWith("runnel: cannot reach the cluster (127.0.0.1:1: connection refused); ListTopics timed out");
    }

    @Test
    void shouldNameTheHostWhenItIsUnknown() {
        CommandRun produced = CommandRun.withInput(
                "x\n", "produce", "-t", "t", "--bootstrap-server", "no-such-host.invalid:9092", "--timeout-ms", "2000");

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err())
                .startsWith("runnel: cannot reach the cluster (no-such-host.invalid:9092: unknown host)");
    }

    @Test
    void shouldExitWithTwoWhenProducingToAPartitionTheTopicLacks() {
        assertThat(runnel("", "topics", "create", "-t", "cli-one", "-p", "1").exitCode())
                .isZero();

        CommandRun produced = runnel("x\n", "produce", "-t", "cli-one", "-p", "9");

        assertThat(produced.exitCode()).isEqualTo(2);
        assertThat(produced.err().lines().findFirst())
                .hasValue("runnel: topic cli-one has no partition 9: Invalid partition given with record: 9 is not in"
                        + " the range [0...1)");
    }

    @Test
    void shouldRefuseAMissingTopicWhenNoCreateIsGiven() {
        CommandRun produced = runnel("x\n", "produce", "-t", "cli-absent", "--no-create");

        assertThat(produced.exitCode()).isEqualTo(1);
        assertThat(produced.err()).isEqualTo("runnel: topic 'cli-absent' does not exist (and --no-create was given)\n");
    }

    @Test
    void shouldSayWhereItStartsWhenTheOffsetIsPastTheEnd() {
        assertThat(runnel("", "topics", "create", "-t", "cli-short", "-p", "1").exitCode())
                .isZero();
        assertThat(runnel("a\nb\n", "produce", "-t", "cli-short").exitCode()).isZero();

        CommandRun consumed =
                runnel("", "consume", "-t", "cli-short", "-p", "0", "--offset", "99", "--idle-timeout-ms", "500");

        assertThat(consumed.exitCode()).as(consumed.err()).isZero();
        assertThat(consumed.err())
                .contains("runnel: --offset 99 is past the end of cli-short-0 (valid offsets 0 to 2); starting at 2");
    }

    @Test
    void shouldRefuseMorePartitionsThanTheBrokerAllowsPerRequest() {
        CommandRun created = runnel("", "topics", "create", "-t", "cli-wide", "-p", "1001");

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.err())
                .isEqualTo(
                        "runnel: the request would create 1001 partitions, more than max.partitions.per.request=1000;"
                                + " nothing was created (PolicyViolationException)\n");
        assertThat(runnel("", "topics", "list").lines()).doesNotContain("cli-wide");
    }

    @Test
    void shouldExitWithTwoWhenTheBrokerRefusesATopicConfig() {
        CommandRun created = runnel("", "topics", "create", "-t", "cli-bad-config", "--config", "retention.ms=forever");

        assertThat(created.exitCode()).isEqualTo(2);
        assertThat(created.err().lines().findFirst())
                .hasValue("runnel: invalid value 'forever' for configuration 'retention.ms': must be an integer"
                        + " (InvalidConfigurationException)");
    }

    @Test
    void shouldNameThePortAndListenerWhenThePortIsInUse() {
        String listener = "PLAINTEXT://127.0.0.1:" + broker.port();

        CommandRun run =
                CommandRun.run("broker", "-o", "listeners=" + listener, "-o", "log.dirs=" + dir.resolve("second"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().lines().toList())
                .last()
                .isEqualTo("runnel: cannot listen on " + listener + " (listeners): port " + broker.port()
                        + " is already in use by another process (StorageException)");
    }

    @Test
    void shouldSayItCreatedTheTopicWhenTheBrokerAutoCreatesIt() {
        try (Broker autoCreating = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners",
                "PLAINTEXT://127.0.0.1:0",
                "log.dirs",
                dir.resolve("auto").toString())))) {
            CommandRun produced = CommandRun.withInput(
                    "x\n", "produce", "-t", "cli-auto", "--bootstrap-server", autoCreating.bootstrapServers());

            assertThat(produced.exitCode()).as(produced.err()).isZero();
            assertThat(produced.err())
                    .isEqualTo("runnel: topic 'cli-auto' did not exist; the broker created it with its defaults"
                            + " (auto.create.topics.enable; --no-create refuses)\n");
        }
    }
}
