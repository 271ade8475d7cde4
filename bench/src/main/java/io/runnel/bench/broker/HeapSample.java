package io.runnel.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker's memory at the end of a phase: the Java heap in use right after a full GC (the live set, from {@code jcmd
 * <pid> GC.run} then {@code GC.heap_info}), the heap committed, and the process's resident set (current and peak,
 * from {@code /proc/<pid>/status}). Sizes in KiB; -1 where unknown.
 *
 * @param heapUsedKib heap in use after the full GC
 * @param heapCommittedKib heap committed ("total" in {@code GC.heap_info})
 * @param rssKib resident set size now ({@code VmRSS})
 * @param peakRssKib largest resident set so far ({@code VmHWM})
 */
record HeapSample(long heapUsedKib, long heapCommittedKib, long rssKib, long peakRssKib) {

    static final HeapSample UNKNOWN = new HeapSample(-1, -1, -1, -1);

    private static final Pattern HEAP = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Duration JCMD_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Runs a full GC in {@code pid} and measures. {@code System.gc()} through {@code jcmd GC.run} is a stop-the-world
     * full collection unless the JVM runs with {@code -XX:+ExplicitGCInvokesConcurrent} (Kafka's start script sets
     * it; the comparison does not).
     */
    static HeapSample measure(long pid, Path scratch) throws IOException, InterruptedException {
        jcmd(pid, "GC.run", scratch);
        List<String> heapInfo = jcmd(pid, "GC.heap_info", scratch);
        Path status = Path.of("/proc", Long.toString(pid), "status");
        return parse(heapInfo, Files.isReadable(status) ? Files.readAllLines(status) : List.of());
    }

    /**
     * Reads the heap line of {@code jcmd GC.heap_info} (e.g. {@code garbage-first heap total 1048576K, used
     * 24567K [...]}) and the {@code VmRSS} / {@code VmHWM} lines of {@code /proc/<pid>/status}.
     */
    static HeapSample parse(List<String> heapInfo, List<String> status) {
        long used = -1;
        long committed = -1;
        for (String line : heapInfo) {
            Matcher m = HEAP.matcher(line);
            if (m.find()) {
                committed = Long.parseLong(m.group(1));
                used = Long.parseLong(m.group(2));
                break;
            }
        }
        return new HeapSample(
                used,
                committed,
                statusKib(status, "VmRSS:").orElse(-1),
                statusKib(status, "VmHWM:").orElse(-1));
    }

    private static OptionalLong statusKib(List<String> statusLines, String key) {
        for (String line : statusLines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Writes the head of {@code jcmd <pid> GC.class_histogram} (which runs a full GC first): the classes holding the
     * most heap, to explain a heap figure.
     */
    static void writeHistogram(long pid, Path file, int lines) throws IOException, InterruptedException {
        List<String> histogram =
                jcmd(pid, "GC.class_histogram", file.toAbsolutePath().resolveSibling("."));
        Files.write(file, histogram.subList(0, Math.min(lines, histogram.size())), StandardCharsets.UTF_8);
    }

    private static List<String> jcmd(long pid, String command, Path scratch) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Path out = Files.createTempFile(scratch, "jcmd", ".txt");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException("jcmd " + pid + " " + command + " did not finish in " + JCMD_TIMEOUT);
            }
            return Files.readAllLines(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
