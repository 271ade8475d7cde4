package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU time a process has used so far, from {@code /proc/<pid>/stat}: user plus system, every thread's, including
 * threads that have exited; and, from {@code /proc/<pid>/task/<tid>/stat}, how much of it the JVM's JIT compiler
 * threads used. Linux reports times in {@code USER_HZ} ticks, 100 per second on every architecture the JDK runs on
 * (the kernel's ABI for {@code /proc} and {@code times(2)}), so the resolution is 10 ms; a phase should use well over a
 * second of CPU for its figure to mean something.
 *
 * <p>Why the JIT is counted apart: each round starts a new broker JVM, and how much of a phase's CPU goes to compiling
 * that phase's code varies from round to round (perf during a consume phase: 40–45% of either broker's samples were
 * in its C1 and C2 compiler threads). The steady-state cost of serving records is the rest.
 */
final class ProcessCpu {
    static final long TICKS_PER_SECOND = 100;

    /** Fields after the command name: state is field 3 of the line, utime 14 and stime 15. */
    private static final int UTIME_AFTER_COMM = 14 - 3;

    private static final int STIME_AFTER_COMM = 15 - 3;

    private ProcessCpu() {}

    /**
     * CPU time in milliseconds, split as the kernel accounts it: user (the process's own code) and system (its system
     * calls, and kernel work charged to it, such as the receive side of a loopback TCP connection it sends on); and
     * the part of both used by JIT compiler threads, per thread id, so that a phase can subtract what its compilers
     * did.
     */
    record Millis(long user, long system, Map<Long, Long> compilerThreads) {
        Millis {
            compilerThreads = Map.copyOf(compilerThreads);
        }

        Millis(long user, long system) {
            this(user, system, Map.of());
        }

        long total() {
            return user + system;
        }

        /** CPU of the JIT compiler threads. */
        long compilation() {
            return compilerThreads.values().stream().mapToLong(Long::longValue).sum();
        }

        /** {@link #total()} less {@link #compilation()}. */
        long excludingCompilation() {
            return total() - compilation();
        }

        /**
         * The time used since {@code start}. A compiler thread's share is what it used since {@code start} (all of it
         * if it started since); a compiler thread that exited meanwhile took its last figures with it, so its time in
         * the phase stays in the rest: an error that can only make the process look more expensive.
         */
        Millis since(Millis start) {
            Map<Long, Long> compilers = new HashMap<>();
            compilerThreads.forEach((tid, ms) -> compilers.put(tid, ms - start.compilerThreads.getOrDefault(tid, 0L)));
            return new Millis(user - start.user, system - start.system, compilers);
        }
    }

    /** CPU time used by {@code pid} so far, or empty if the process is gone or this is not Linux. */
    static Optional<Millis> millis(long pid) {
        Path process = Path.of("/proc", Long.toString(pid));
        Optional<Millis> whole;
        try {
            whole = parseMillis(Files.readString(process.resolve("stat")));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (whole.isEmpty()) {
            return whole;
        }
        Map<Long, Long> compilers = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
            for (Path task : tasks) {
                String line;
                try {
                    line = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread exited while we looked
                }
                if (isCompilerThread(line)) {
                    parseMillis(line)
                            .ifPresent(m -> compilers.put(
                                    Long.parseLong(task.getFileName().toString()), m.total()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return whole;
        }
        return Optional.of(new Millis(whole.get().user(), whole.get().system(), compilers));
    }

    /** HotSpot names them {@code C1 CompilerThread<n>} and {@code C2 CompilerThread<n>}; Linux keeps 15 characters. */
    static boolean isCompilerThread(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            return false;
        }
        String comm = statLine.substring(open + 1, close);
        return comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
    }

    /**
     * Reads utime and stime from one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and
     * may itself hold spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static Optional<Millis> parseMillis(String statLine) {
        int end = statLine.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = statLine.substring(end + 1).trim().split("\\s+");
        if (fields.length <= STIME_AFTER_COMM) {
            return Optional.empty();
        }
        try {
            long user = Long.parseLong(fields[UTIME_AFTER_COMM]);
            long system = Long.parseLong(fields[STIME_AFTER_COMM]);
            return Optional.of(new Millis(user * 1000 / TICKS_PER_SECOND, system * 1000 / TICKS_PER_SECOND));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
