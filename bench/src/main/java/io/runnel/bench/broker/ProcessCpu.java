package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU time a process has used so far, user plus system, from {@code /proc/<pid>/stat}: every thread's, including
 * threads that have exited. Linux reports it in {@code USER_HZ} ticks, 100 per second on every architecture the JDK
 * runs on (the kernel's ABI for {@code /proc} and {@code times(2)}), so the resolution is 10 ms; a phase should use
 * well over a second of CPU for its figure to mean something.
 */
final class ProcessCpu {
    static final long TICKS_PER_SECOND = 100;

    /** Fields after the command name: state is field 3 of the line, utime 14 and stime 15. */
    private static final int UTIME_AFTER_COMM = 14 - 3;

    private static final int STIME_AFTER_COMM = 15 - 3;

    private ProcessCpu() {}

    /**
     * CPU time in milliseconds, split as the kernel accounts it: user (the process's own code) and system (its
     * system calls, and kernel work charged to it, such as the receive side of a loopback TCP connection it sends on).
     */
    record Millis(long user, long system) {
        long total() {
            return user + system;
        }

        /** The time used since {@code start}. */
        Millis since(Millis start) {
            return new Millis(user - start.user, system - start.system);
        }
    }

    /** CPU time used by {@code pid} so far, or empty if the process is gone or this is not Linux. */
    static Optional<Millis> millis(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            return parseMillis(Files.readString(stat));
        } catch (IOException e) {
            return Optional.empty();
        }
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
