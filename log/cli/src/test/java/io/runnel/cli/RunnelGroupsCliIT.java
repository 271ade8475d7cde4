package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.client.admin.Admin;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code runnel groups} commands against a broker in this JVM: a group's offsets are listed with their lag, reset
 * (a dry run first), deleted, and the group itself deleted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RunnelGroupsCliIT {
    @TempDir
    static Path dir;

    static Broker broker;

    @BeforeAll
    static void startBroker() {
        broker = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "auto.create.topics.enable", "false",
                "offsets.topic.num.partitions", "3",
                "group.initial.rebalance.delay.ms", "0")));
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
    void shouldListDescribeResetAndDeleteAGroupsOffsets() throws Exception {
        assertThat(runnel("", "topics", "create", "-t", "cli-lag", "-p", "1").exitCode())
                .isZero();
        CommandRun produced = runnel("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n", "produce", "-t", "cli-lag");
        assertThat(produced.exitCode()).as(produced.err()).isZero();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.alterConsumerGroupOffsets(
                            "cli-readers", Map.of(new TopicPartition("cli-lag", 0), new OffsetAndMetadata(4)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }

        assertThat(runnel("", "groups", "list").lines()).contains("cli-readers");

        CommandRun described = runnel("", "groups", "describe", "cli-readers");
        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.lines().get(0)).contains("Group: cli-readers", "State: Empty", "Members: 0");
        assertThat(row(described, "cli-lag")).containsSubsequence("cli-readers", "cli-lag", "0", "4", "10", "6");

        CommandRun dryRun = runnel("", "groups", "reset-offsets", "cli-readers", "-t", "cli-lag", "--to-earliest");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(row(dryRun, "cli-lag")).containsSubsequence("cli-readers", "cli-lag", "0", "0");
        assertThat(dryRun.out()).contains("Dry run");
        assertThat(row(runnel("", "groups", "describe", "cli-readers"), "cli-lag"))
                .containsSubsequence("4", "10", "6");

        CommandRun executed =
                runnel("", "groups", "reset-offsets", "cli-readers", "-t", "cli-lag", "--to-latest", "--execute");
        assertThat(executed.exitCode()).as(executed.err()).isZero();
        assertThat(row(runnel("", "groups", "describe", "cli-readers"), "cli-lag"))
                .containsSubsequence("10", "10", "0");

        CommandRun offsetsDeleted = runnel("", "groups", "delete-offsets", "cli-readers", "-t", "cli-lag");
        assertThat(offsetsDeleted.exitCode()).as(offsetsDeleted.err()).isZero();
        CommandRun afterOffsets = runnel("", "groups", "describe", "cli-readers");
        assertThat(afterOffsets.lines()).noneMatch(line -> line.contains("cli-lag"));

        CommandRun deleted = runnel("", "groups", "delete", "cli-readers");
        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).contains("Deleted consumer group cli-readers.");
        assertThat(runnel("", "groups", "list").lines()).doesNotContain("cli-readers");
    }

    @Test
    void shouldResumeFromTheGroupsCommittedOffsetsWhenConsumingAsAGroup() {
        assertThat(runnel("", "topics", "create", "-t", "cli-members", "-p", "2")
                        .exitCode())
                .isZero();
        CommandRun produced = runnel("k1:a\nk2:b\nk3:c\nk4:d\nk5:e\n", "produce", "-t", "cli-members", "-k", ":");
        assertThat(produced.exitCode()).as(produced.err()).isZero();

        CommandRun first = runnel(
                "", "consume", "-t", "cli-members", "--group", "cli-g", "--from-beginning", "-n", "3", "--value-only");
        // --from-beginning only decides where a partition without a committed offset starts.
        CommandRun rest = runnel(
                "", "consume", "-t", "cli-members", "--group", "cli-g", "--from-beginning", "-n", "2", "--value-only");

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(first.lines()).hasSize(3);
        assertThat(rest.lines()).hasSize(2);
        assertThat(java.util.stream.Stream.concat(first.lines().stream(), rest.lines().stream()))
                .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
        CommandRun described = runnel("", "groups", "describe", "cli-g");
        assertThat(described.lines().stream().filter(line -> line.startsWith("cli-g")))
                .hasSize(2)
                .allSatisfy(line -> assertThat(line.trim().split("\\s+")[5]).isEqualTo("0"));
    }

    @Test
    void shouldRefuseAGroupWithAPartitionWhenConsuming() {
        assertThat(runnel("", "topics", "create", "-t", "cli-solo", "-p", "1").exitCode())
                .isZero();

        CommandRun refused = runnel("", "consume", "-t", "cli-solo", "--group", "g", "-p", "0");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--group").contains("--partition");
    }

    @Test
    void shouldFailWithOneLineWhenDeletingAGroupThatDoesNotExist() {
        CommandRun missing = runnel("", "groups", "delete", "no-such-group");

        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err().lines().toList()).hasSize(1);
        assertThat(missing.err()).startsWith("runnel: ").contains("no-such-group");
    }

    /** The words of the first output line that mentions {@code text}. */
    private static java.util.List<String> row(CommandRun run, String text) {
        return run.lines().stream()
                .filter(line -> line.contains(text) && !line.startsWith("Group:"))
                .findFirst()
                .map(line -> java.util.List.of(line.trim().split("\\s+")))
                .orElseThrow(() -> new AssertionError("no line with " + text + " in:\n" + run.out() + run.err()));
    }
}
