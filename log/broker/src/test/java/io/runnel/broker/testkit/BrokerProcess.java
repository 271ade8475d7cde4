package io.runnel.broker.testkit;

import io.runnel.broker.BrokerMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A Runnel broker in a child JVM ({@link BrokerMain}), for tests that must kill a broker the way an operator or the
 * OS does: {@link #terminate()} sends SIGTERM (graceful shutdown), {@link #kill()} SIGKILL (a crash: no flush, no
 * checkpoint, no clean-shutdown marker). The broker keeps its port and data directory across {@link #start()}s, so a
 * client can reconnect to the restarted broker. Its output goes to {@code broker-<n>.log} in the data directory.
 *
 * <p>Owned by one test thread; {@link #close()} kills a broker still running.
 */
public final class BrokerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final Map<String, String> overrides;
    private Process process;
    private int starts;

    private BrokerProcess(Path dir, int port, Map<String, String> overrides) {
        this.dir = dir;
        this.port = port;
        this.overrides = Map.copyOf(overrides);
    }

    /** Starts a broker with its data under {@code dir} on a free port, and waits until it accepts connections. */
    public static BrokerProcess start(Path dir, Map<String, String> overrides) throws IOException {
        BrokerProcess broker = new BrokerProcess(dir, freePort(), overrides);
        broker.start();
        return broker;
    }

    /** Starts the broker again (same port, same data) after {@link #terminate()} or {@link #kill()}. */
    public void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker process " + process.pid() + " is still running");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                "--override",
                "listeners=PLAINTEXT://127.0.0.1:" + port,
                "--override",
                "log.dirs=" + logDir()));
        overrides.forEach((key, value) -> {
            command.add("--override");
            command.add(key + "=" + value);
        });
        starts++;
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("broker-" + starts + ".log").toFile())
                .start();
        Process started = process;
        Awaitility.await("broker on port " + port)
                .atMost(START_TIMEOUT)
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("broker exited with " + started.exitValue() + ": " + output());
                    }
                    try (Socket socket = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The directory that holds the partition logs (and the embedded ZooKeeper's data). */
    public Path logDir() {
        return dir.resolve("logs");
    }

    /** SIGTERM, then waits for the graceful shutdown to finish. */
    public int terminate() throws InterruptedException {
        process.destroy();
        return waitForExit();
    }

    /** SIGKILL: the broker dies at once, as in a crash. */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return waitForExit();
    }

    /** What the broker printed during its latest start. */
    public String output() throws IOException {
        return Files.readString(dir.resolve("broker-" + starts + ".log"));
    }

    private int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("broker process " + process.pid() + " did not exit within 60 s");
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }
}
