package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, versions and bad arguments: no broker involved. A bad argument is one line on stderr and exit code 2. */
@Timeout(30)
class RunnelCommandTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "broker",
                "topics",
                "topics create",
                "topics list",
                "topics describe",
                "topics delete",
                "produce",
                "consume",
                "groups",
                "groups list",
                "groups describe",
                "groups reset-offsets",
                "groups delete",
                "groups delete-offsets"
            })
    void shouldPrintHelpWhenAskedForEveryCommand(String command) {
        String[] args = (command + " --help").split(" ");

        CommandRun run = CommandRun.run(args);

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: runnel " + command);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void shouldListEveryCommandInTheTopLevelHelp() {
        CommandRun run = CommandRun.run("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("broker", "topics", "groups", "produce", "consume");
    }

    @Test
    void shouldPrintTheVersion() {
        CommandRun run = CommandRun.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("runnel ");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "frobnicate",
                "topics",
                "topics create",
                "topics create -t x --partitions 0",
                "topics create -t x --partitions many",
                "topics create -t x --replication-factor 0",
                "topics delete",
                "produce",
                "produce -t x --key-separator=",
                "produce -t x --acks 2",
                "produce -t x -p -1",
                "broker --override log.retention.ms=forever",
                "consume",
                "consume -t x --offset 5",
                "consume -t x --offset 5 --from-beginning -p 0",
                "consume -t x --max-messages 0",
                "topics list --timeout-ms soon",
                "topics list --bogus",
                "broker --override no.such.key=1",
                "broker --override num.partitions=zero",
                "groups",
                "groups describe",
                "groups delete",
                "groups list --state Sleepy",
                "groups delete-offsets g",
                "groups delete-offsets g -t orders:one",
                "groups reset-offsets g -t orders",
                "groups reset-offsets g --to-earliest",
                "groups reset-offsets g -t orders --to-earliest --to-latest",
                "groups reset-offsets g -t orders:0,-1 --to-earliest",
                "groups reset-offsets g -t :0 --to-earliest",
                "groups reset-offsets g -t orders --to-datetime yesterday",
                "groups reset-offsets g -t orders --to-offset -1",
                "groups reset-offsets g -t orders --shift-by many"
            })
    void shouldExitWithTwoAndOneLineWhenAnArgumentIsBad(String command) {
        String[] args = command.isEmpty() ? new String[0] : command.split(" ");

        CommandRun run = CommandRun.run(args);

        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList())
                .as(run.err())
                .hasSize(2)
                .first()
                .asString()
                .startsWith("runnel: ");
        assertThat(run.err()).contains("--help");
    }

    @Test
    void shouldNameTheKeyAsWrittenWhenABrokerLogDefaultIsBad() {
        CommandRun run = CommandRun.run("broker", "--override", "log.retention.ms=forever");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst())
                .hasValue("runnel: invalid configuration: invalid value 'forever' for configuration"
                        + " 'log.retention.ms': must be an integer");
    }

    @Test
    void shouldNameTheFileAndLineAndExitWithTwoWhenAConfigFileIsMalformed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, "broker.id=1\nlog.dirs=/data/\\uZZZZ\n");

        CommandRun run = CommandRun.run("broker", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst())
                .hasValue("runnel: invalid configuration: config file " + file
                        + " line 2: malformed \\uXXXX escape: log.dirs=/data/\\uZZZZ");
    }

    @Test
    void shouldNameTheFileAndExitWithTwoWhenAConfigFileIsMissing(@TempDir Path dir) {
        Path file = dir.resolve("absent.properties");

        CommandRun run = CommandRun.run("broker", "--config", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst())
                .hasValue("runnel: invalid configuration: config file " + file + " does not exist");
    }

    @Test
    void shouldSayWhyWhenAcksIsBad() {
        CommandRun run = CommandRun.run("produce", "-t", "x", "--acks", "2");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().findFirst()).hasValue("runnel: --acks must be 0, 1 or all, not '2'");
    }

    @Test
    void shouldWriteNoEscapeCodesWhenPrintingHelp() {
        CommandRun run = CommandRun.run("produce", "--help");

        assertThat(run.out()).doesNotContain("\u001b[");
    }
}
