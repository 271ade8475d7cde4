package io.runnel.storage;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.records.CompressionType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs storage code in a second JVM, so tests can hold a directory lock from another process and kill a writer
 * outright (SIGKILL) instead of shutting it down.
 */
final class ChildProcess implements AutoCloseable {
    private final Process process;
    private final BufferedReader output;

    private ChildProcess(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts {@code mainClass} with the test classpath. */
    static ChildProcess start(Class<?> mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return new ChildProcess(new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** The next line the child printed, or null at end of output. */
    String readLine() throws IOException {
        return output.readLine();
    }

    /** SIGKILL: no shutdown hooks, no flush, no close. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    /** Locks a log directory through a LogManager, prints LOCKED, and waits to be killed. */
    static final class LockHolder {
        public static void main(String[] args) throws InterruptedException {
            LogManager manager = LogManager.start(
                    LogManagerConfig.forDirs(List.of(Path.of(args[0])), LogConfig.defaults()), Time.SYSTEM);
            System.out.println("LOCKED " + manager.logs().size());
            System.out.flush();
            // Holds the lock until the test kills this process.
            new java.util.concurrent.CountDownLatch(1).await();
        }
    }

    /** Appends batches to a log forever, printing "ACK <lastOffset>" after each append returns. */
    static final class Writer {
        public static void main(String[] args) {
            LogManager manager = LogManager.start(
                    LogManagerConfig.forDirs(List.of(Path.of(args[0])), LogConfig.defaults()), Time.SYSTEM);
            Log log = manager.getOrCreateLog(
                    new TopicPartition("events", 0), LogConfig.fromMap(java.util.Map.of("segment.bytes", 16384)));
            while (true) {
                LogAppendInfo info =
                        log.appendAsLeader(TestBatches.batch(10, System.currentTimeMillis(), CompressionType.LZ4), 0);
                System.out.println("ACK " + info.lastOffset());
                System.out.flush();
            }
        }
    }
}
