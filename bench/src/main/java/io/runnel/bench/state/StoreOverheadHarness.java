package io.runnel.bench.state;

import io.runnel.state.RocksDBMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Overhead of Runnel's RocksDB stores over raw rocksdbjni (and Kafka Streams' stores, for reference), measured in
 * alternating rounds inside one JVM: every implementation holds the same data at the same time, and each round runs
 * the same operation on each implementation in rotating order. On a shared, loaded machine (where separate JMH forks
 * run minutes apart under different load) this gives a fair ratio; JMH's {@link KeyValueStoreBenchmark} and {@link
 * WindowStoreBenchmark} give absolute figures.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.runnel.bench.state.StoreOverheadHarness [keys] [rounds] [opsPerRound]
 * </pre>
 *
 * Prints, per operation and implementation, the median and best round in ns/op, and the ratio of medians to raw.
 */
public final class StoreOverheadHarness {
    private static final String[] IMPLS = {"runnel", "raw-rocksdb", "kafka-streams"};
    /** Window stores are also compared with raw rocksdbjni segmented like Runnel (one column family per segment). */
    private static final String RAW_SEGMENTED = "raw-rocksdb-segmented";

    private StoreOverheadHarness() {}

    public static void main(String[] args) throws Exception {
        int keys = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int ops = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        boolean windowsOnly = args.length > 3 && args[3].equals("window");
        String[] impls = windowsOnly ? new String[] {"runnel", RAW_SEGMENTED, "raw-rocksdb"} : IMPLS;
        Path root = Files.createTempDirectory("overhead");
        byte[] value = new byte[100];
        byte[][] keyBytes = new byte[keys][];
        for (int i = 0; i < keys; i++) {
            keyBytes[i] = ZipfKeys.key(i);
        }
        int windowKeys = keys / 100;
        long windowMs = 60_000;
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        // One budget per implementation, so that one implementation's memtable flushes do not land on another's.
        List<RocksDBMemory> budgets = new ArrayList<>();
        try {
            List<KeyValueTargets.Target> kv = new ArrayList<>();
            List<WindowTargets.Target> win = new ArrayList<>();
            for (String impl : impls) {
                RocksDBMemory memory = RocksDBMemory.create(256L * 1024 * 1024, 0.5);
                budgets.add(memory);
                if (!windowsOnly) {
                    KeyValueTargets.Target t =
                            KeyValueTargets.open(impl, Files.createDirectories(root.resolve("kv-" + impl)), memory);
                    for (int i = 0; i < keys; i++) {
                        t.put(keyBytes[i], value);
                    }
                    kv.add(t);
                }
                WindowTargets.Target w = WindowTargets.open(
                        impl,
                        Files.createDirectories(root.resolve("win-" + impl)),
                        memory,
                        Duration.ofHours(2),
                        Duration.ofMillis(windowMs));
                for (int slot = 0; slot < 100; slot++) {
                    for (int k = 0; k < windowKeys; k++) {
                        w.put(keyBytes[k], value, slot * windowMs);
                    }
                }
                win.add(w);
            }
            ZipfKeys zipf = new ZipfKeys(keys, 1 << 20, 7);
            ZipfKeys windowZipf = new ZipfKeys(windowKeys, 1 << 20, 11);
            Map<String, List<IntConsumer>> operations = new LinkedHashMap<>();
            if (!windowsOnly) {
                operations.put("kv.get", forEach(kv, t -> i -> t.get(keyBytes[zipf.next()])));
                operations.put("kv.put", forEach(kv, t -> i -> t.put(keyBytes[zipf.next()], value)));
                operations.put("kv.rangeScan100", forEach(kv, t -> i -> {
                    int from = zipf.next();
                    t.scan(keyBytes[from], keyBytes[Math.min(from + 99, keys - 1)], 100);
                }));
            }
            operations.put(
                    "window.put",
                    forEach(win, t -> i -> t.put(keyBytes[windowZipf.next()], value, (i % 100) * windowMs)));
            operations.put("window.fetch10", forEach(win, t -> i -> {
                long from = (i % 90) * windowMs;
                t.fetch(keyBytes[windowZipf.next()], from, from + 9 * windowMs);
            }));
            for (Map.Entry<String, List<IntConsumer>> op : operations.entrySet()) {
                int opsHere = op.getKey().contains("range") || op.getKey().contains("fetch") ? ops / 10 : ops;
                double[][] perImpl = new double[impls.length][rounds];
                for (int r = 0; r < rounds + 2; r++) {
                    for (int j = 0; j < impls.length; j++) {
                        int impl = (r + j) % impls.length;
                        IntConsumer body = op.getValue().get(impl);
                        long start = System.nanoTime();
                        for (int i = 0; i < opsHere; i++) {
                            body.accept(i);
                        }
                        long elapsed = System.nanoTime() - start;
                        if (r >= 2) { // two warm-up rounds
                            perImpl[impl][r - 2] = (double) elapsed / opsHere;
                        }
                    }
                }
                List<double[]> rows = new ArrayList<>();
                for (double[] samples : perImpl) {
                    rows.add(samples);
                }
                results.put(op.getKey(), rows);
            }
            for (KeyValueTargets.Target t : kv) {
                t.close();
            }
            for (WindowTargets.Target w : win) {
                w.close();
            }
        } finally {
            for (RocksDBMemory memory : budgets) {
                memory.close();
            }
            KeyValueStoreBenchmark.deleteTree(root);
        }
        print(keys, rounds, ops, impls, results);
    }

    private interface TargetOp<T> {
        IntConsumer on(T target);
    }

    private static <T> List<IntConsumer> forEach(List<T> targets, TargetOp<T> op) {
        List<IntConsumer> bodies = new ArrayList<>();
        for (T t : targets) {
            bodies.add(op.on(t));
        }
        return bodies;
    }

    private static void print(int keys, int rounds, int ops, String[] impls, Map<String, List<double[]>> results) {
        System.out.printf(Locale.ROOT, "keys=%d rounds=%d opsPerRound=%d%n", keys, rounds, ops);
        System.out.printf(
                Locale.ROOT,
                "| operation | %s median (best) ns/op | %s median (best) | %s median (best) | %s/%s | %s/%s |%n"
                        + "|---|---|---|---|---|---|%n",
                impls[0],
                impls[1],
                impls[2],
                impls[0],
                impls[1],
                impls[2],
                impls[1]);
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] med = new double[impls.length];
            double[] best = new double[impls.length];
            for (int i = 0; i < impls.length; i++) {
                double[] s = e.getValue().get(i).clone();
                Arrays.sort(s);
                med[i] = s[s.length / 2];
                best[i] = s[0];
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %.0f (%.0f) | %.0f (%.0f) | %.0f (%.0f) | %.2f | %.2f |%n",
                    e.getKey(),
                    med[0],
                    best[0],
                    med[1],
                    best[1],
                    med[2],
                    best[2],
                    med[0] / med[1],
                    med[2] / med[1]);
        }
    }
}
