package io.runnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command: {@code bin/runnel} runs {@code target/runnel.jar} (built in the package phase, before
 * integration tests) — a single-node broker started by the launcher serves topics and records to the launcher's
 * other commands, and stops gracefully on SIGTERM.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunnelJarIT {
    static final Path LAUNCHER =
            Path.of("..", "..", "bin", "runnel").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void shouldServeTheLaunchersCommandsFromABrokerTheLauncherStarted() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + port;
        Process broker = launcher(
                        "broker",
                        "--override",
                        "listeners=PLAINTEXT://" + bootstrap,
                        "--override",
                        "log.dirs=" + dir.resolve("logs"))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker.out").toFile())
                .start();
        try {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> Files.readString(dir.resolve("broker.out")).contains("serving at"));

            assertThat(run("", "topics", "create", "-t", "jar-topic", "-p", "2", "-b", bootstrap))
                    .contains("Created topic jar-topic.");
            assertThat(run("", "topics", "list", "-b", bootstrap).lines()).containsExactly("jar-topic");

            broker.destroy(); // SIGTERM
            assertThat(broker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(dir.resolve("broker.out"))).contains("shutting down the broker");
            assertThat(dir.resolve("logs").resolve(".kafka_cleanshutdown")).exists();
        } finally {
            broker.destroyForcibly();
        }
    }

    @Test
    void shouldExitWithTwoOnABadArgumentThroughTheLauncher() throws Exception {
        Process process = launcher("topics", "create").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).startsWith("runnel: Missing required option: '--topic=NAME'");
    }

    private static ProcessBuilder launcher(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", LAUNCHER.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    private String run(String stdin, String... args) throws IOException, InterruptedException {
        Process process = launcher(args)
                .redirectError(dir.resolve("err-" + System.nanoTime()).toFile())
                .start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }
}
