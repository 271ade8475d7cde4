package io.runnel.bench.machine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures this machine's limits, the yardsticks for the log benchmarks, and prints them as a Markdown table with the
 * targets derived from them: memory copy bandwidth (append without fsync should reach at least 50% of it) and
 * sequential write bandwidth with {@code fdatasync} every 1 MiB (append with periodic fsync should reach at least
 * 85% of it), from Java and, where {@code dd} exists, from {@code dd}. Beside them, the same synced write in the
 * log's own pattern (one write per 16 KiB batch of 16,361 bytes, a sync per MiB) and in page-sized writes: a log's
 * flushes end wherever its last batch ends, inside a page, and that is what the disk does with them.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.runnel.bench.machine.MachineLimits \
 *     [--dir DIR] [--write-mib 1024] [--copy-mib 256] [--rounds 5] [--no-dd]
 * </pre>
 *
 * <p>{@code --dir} must be on the disk the benchmarks write to (default: {@code java.io.tmpdir}). It needs {@code
 * --write-mib} free. Run it in the same session as the benchmarks, on an otherwise quiet machine.
 */
public final class MachineLimits {
    private static final int MIB = 1024 * 1024;
    private static final double APPEND_TARGET = 0.50;
    private static final double FSYNC_APPEND_TARGET = 0.85;
    /** The size of the log benchmarks' "16 KiB" batch: 148 records of 100 bytes. */
    private static final int BATCH_16_KIB_BYTES = 16_361;

    private MachineLimits() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options = Options.parse(args);
        Files.createDirectories(options.directory);
        System.out.println(describeMachine(options.directory));
        System.out.println();

        MemoryCopyBandwidth memory = new MemoryCopyBandwidth(options.copyMib * MIB, MIB, options.rounds);
        Bandwidth arrayCopy = memory.arrayToArray();
        List<Bandwidth> results = new ArrayList<>(List.of(arrayCopy, memory.heapToDirect(), memory.directToDirect()));

        SequentialWriteBandwidth disk =
                new SequentialWriteBandwidth(options.directory, (long) options.writeMib * MIB, MIB);
        // Best of two: the first write into fresh guest memory can be several times slower than the second.
        results.add(disk.pageCacheOnly().best(disk.pageCacheOnly()));
        Bandwidth javaSync = disk.withFdatasync();
        results.add(javaSync);
        // The log's own pattern: one write per 16 KiB batch (16,361 bytes in the benchmarks), a sync per MiB. The
        // syncs end inside a page, and each next sync writes that page again; beside it the same with page-sized
        // writes, whose syncs end on a page boundary. On this project's VM the difference was a third.
        for (int chunk : new int[] {16 * 1024, BATCH_16_KIB_BYTES}) {
            results.add(new SequentialWriteBandwidth(options.directory, (long) options.writeMib * MIB, chunk)
                    .withFdatasyncEvery(MIB));
        }
        Bandwidth syncReference = javaSync;
        if (options.dd && DdCommand.available()) {
            DdCommand dd = new DdCommand(options.directory, options.writeMib);
            Optional<Bandwidth> dsync = dd.dsync();
            if (dsync.isPresent()) {
                results.add(dsync.get());
                syncReference = syncReference.best(dsync.get());
            }
            dd.fdatasyncAtEnd().ifPresent(results::add);
        } else {
            System.out.println("(dd not run: " + (options.dd ? "not found on PATH" : "--no-dd") + ")");
        }

        System.out.println("| measurement | MB/s | MiB | how |");
        System.out.println("|---|---:|---:|---|");
        results.forEach(result -> System.out.println(result.row()));
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "Targets: append without fsync >= %.0f%% of memory copy (%s) = %.1f MB/s;%n"
                        + "         append with fsync every 1 MiB >= %.0f%% of fdatasync bandwidth (best of Java and"
                        + " dd dsync: %.1f MB/s) = %.1f MB/s%n",
                APPEND_TARGET * 100,
                arrayCopy.name(),
                arrayCopy.megabytesPerSecond() * APPEND_TARGET,
                FSYNC_APPEND_TARGET * 100,
                syncReference.megabytesPerSecond(),
                syncReference.megabytesPerSecond() * FSYNC_APPEND_TARGET);
    }

    private static String describeMachine(Path directory) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        long memory = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            memory = os.getTotalMemorySize();
        }
        FileStore store = Files.getFileStore(directory);
        return String.format(
                Locale.ROOT,
                "Machine: %d CPUs (%s), %.1f GiB RAM, %s %s %s%n"
                        + "JVM: %s %s, max heap %d MiB%n"
                        + "Disk: %s (%s) at %s",
                runtime.availableProcessors(),
                cpuModel(),
                memory / (1024.0 * 1024 * 1024),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"),
                runtime.maxMemory() / MIB,
                store.name(),
                store.type(),
                directory.toAbsolutePath());
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return "model unknown";
        }
        try {
            return Files.readAllLines(cpuinfo).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("model unknown");
        } catch (IOException e) {
            return "model unknown: " + e.getMessage();
        }
    }

    private record Options(Path directory, int writeMib, int copyMib, int rounds, boolean dd) {
        static Options parse(String[] args) {
            Path directory = Path.of(System.getProperty("java.io.tmpdir"));
            int writeMib = 1024;
            int copyMib = 256;
            int rounds = 5;
            boolean dd = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir" -> directory = Path.of(value(args, ++i));
                    case "--write-mib" -> writeMib = positive(args, ++i);
                    case "--copy-mib" -> copyMib = positive(args, ++i);
                    case "--rounds" -> rounds = positive(args, ++i);
                    case "--no-dd" -> dd = false;
                    default ->
                        throw new IllegalArgumentException("unknown argument '" + args[i]
                                + "': expected --dir DIR, --write-mib N, --copy-mib N, --rounds N, --no-dd");
                }
            }
            if (copyMib > 1024) {
                throw new IllegalArgumentException("--copy-mib must be <= 1024: " + copyMib);
            }
            return new Options(directory, writeMib, copyMib, rounds, dd);
        }

        private static String value(String[] args, int index) {
            if (index >= args.length) {
                throw new IllegalArgumentException(args[index - 1] + " needs a value");
            }
            return args[index];
        }

        private static int positive(String[] args, int index) {
            int value = Integer.parseInt(value(args, index));
            if (value < 1) {
                throw new IllegalArgumentException(args[index - 1] + " must be >= 1: " + value);
            }
            return value;
        }
    }
}
