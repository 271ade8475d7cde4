package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class to run in a child JVM: the same {@code java} as this one, a given classpath and JVM options, its
 * standard output and error merged into a log file. Immutable.
 *
 * @param classpath the child's class path
 * @param jvmOptions options before the main class, e.g. {@code -Xmx1g}
 * @param mainClass the class whose {@code main} runs
 * @param args the program's arguments
 */
record ChildJvm(String classpath, List<String> jvmOptions, String mainClass, List<String> args) {

    ChildJvm {
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
    }

    /** The command line, as handed to the operating system. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** The command line without the class path, for reports. */
    String describe() {
        List<String> shown = new ArrayList<>(command());
        shown.set(shown.indexOf("-cp") + 1, "$CP");
        shown.set(0, "java");
        return String.join(" ", shown);
    }

    /** Starts the child; its output goes to {@code log} (replaced). The caller owns the process. */
    Process start(Path log) throws IOException {
        return new ProcessBuilder(command())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    /**
     * Runs the child to its end, or kills it after {@code timeout}.
     *
     * @return its exit code (or -1 if it was killed) and its output
     */
    Completed run(Path log, Duration timeout) throws IOException, InterruptedException {
        Process process = start(log);
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        return new Completed(exited ? process.exitValue() : -1, Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    /**
     * A finished child.
     *
     * @param exitCode its exit code, -1 if it was killed at the timeout
     * @param output its standard output and error, line by line
     */
    record Completed(int exitCode, List<String> output) {
        Completed {
            output = List.copyOf(output);
        }

        /** The last {@code n} lines of output, for error reports. */
        String tail(int n) {
            return String.join("\n", output.subList(Math.max(0, output.size() - n), output.size()));
        }
    }
}
