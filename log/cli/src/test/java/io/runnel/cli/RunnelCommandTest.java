package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Help, versions and bad arguments: no broker involved. A bad argument is one line on stderr and exit code 2. */
@Timeout(30)
class RunnelCommandTest {
    @ParameterizedTest
    @ValueSource(strings = {"broker", "topics", "topics create", "topics list", "topics describe", "topics delete"})
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
        assertThat(run.out()).contains("broker", "topics");
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
                "topics list --timeout-ms soon",
                "topics list --bogus",
                "broker --override no.such.key=1",
                "broker --override num.partitions=zero"
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
}
