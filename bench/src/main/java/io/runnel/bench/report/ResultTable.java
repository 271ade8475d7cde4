package io.runnel.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Prints JMH CSV results ({@code -rf csv}) as Markdown tables, Runnel and Kafka side by side: one row per benchmark,
 * metric and parameter set (without {@code impl}), the score ± 99.9% error of each implementation and the ratio
 * Runnel / Kafka, and where a benchmark also ran {@code impl=RAW_FILE} (the append benchmark's plain-file floor), that
 * score and the ratio Runnel / raw file. Metrics shown: {@code :bytes} (as MB/s, 10^6 bytes per second) and {@code :records} where a
 * benchmark counts them, else the primary score; and {@code :gc.alloc.rate.norm} (bytes allocated per operation)
 * when run with {@code -prof gc}. Files holding the same benchmark are rounds of it and are merged by {@link
 * BestOfRounds}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.runnel.bench.report.ResultTable bench/results/&lt;run&gt;/*.csv
 * </pre>
 */
public final class ResultTable {
    private static final String IMPL = "impl";
    private static final String RAW_FILE = "RAW_FILE";
    private static final List<String> HIDDEN_PARAMS = List.of(IMPL, "dir");

    private ResultTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: ResultTable <jmh-results.csv>...");
        }
        Map<String, List<List<JmhCsv.Row>>> roundsByBenchmark = new LinkedHashMap<>();
        for (String file : args) {
            List<JmhCsv.Row> rows = JmhCsv.read(Path.of(file));
            if (!rows.isEmpty()) {
                roundsByBenchmark
                        .computeIfAbsent(rows.get(0).benchmark(), k -> new ArrayList<>())
                        .add(rows);
            }
        }
        for (List<List<JmhCsv.Row>> rounds : roundsByBenchmark.values()) {
            if (rounds.size() > 1) {
                System.out.println("Best of " + rounds.size() + " rounds per implementation and parameter set.\n");
            }
            System.out.println(render(BestOfRounds.merge(rounds)));
        }
    }

    /** The Markdown table of one result file. */
    static String render(List<JmhCsv.Row> rows) {
        Map<String, Map<String, JmhCsv.Row>> byKey = new LinkedHashMap<>();
        List<String> paramNames = new ArrayList<>();
        Set<String> withBytes = new HashSet<>();
        rows.stream().filter(row -> row.metric().equals("bytes")).forEach(row -> withBytes.add(row.benchmark()));
        for (JmhCsv.Row row : rows) {
            if (!shown(row.metric()) || (row.metric().isEmpty() && withBytes.contains(row.benchmark()))) {
                continue;
            }
            for (String name : row.params().keySet()) {
                if (!HIDDEN_PARAMS.contains(name) && !paramNames.contains(name)) {
                    paramNames.add(name);
                }
            }
            byKey.computeIfAbsent(key(row), k -> new LinkedHashMap<>())
                    .put(row.params().getOrDefault(IMPL, "-"), row);
        }
        boolean withRaw = byKey.values().stream().anyMatch(pair -> pair.containsKey(RAW_FILE));
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | metric |");
        paramNames.forEach(name -> out.append(' ').append(name).append(" |"));
        out.append(" unit | Runnel | Kafka | Runnel / Kafka |");
        out.append(withRaw ? " raw file | Runnel / raw |\n|---|---|" : "\n|---|---|");
        paramNames.forEach(name -> out.append("---|"));
        out.append(withRaw ? "---|---:|---:|---:|---:|---:|\n" : "---|---:|---:|---:|\n");
        for (Map<String, JmhCsv.Row> pair : byKey.values()) {
            JmhCsv.Row any = pair.values().iterator().next();
            JmhCsv.@Nullable Row runnel = pair.get("RUNNEL");
            JmhCsv.@Nullable Row kafka = pair.get("KAFKA");
            out.append("| ")
                    .append(any.benchmarkName())
                    .append(" | ")
                    .append(metricName(any.metric()))
                    .append(" |");
            for (String name : paramNames) {
                out.append(' ').append(any.params().getOrDefault(name, "")).append(" |");
            }
            out.append(' ').append(unit(any)).append(" | ");
            out.append(cell(runnel)).append(" | ").append(cell(kafka)).append(" | ");
            out.append(ratio(runnel, kafka));
            if (withRaw) {
                JmhCsv.@Nullable Row raw = pair.get(RAW_FILE);
                out.append(" | ").append(cell(raw)).append(" | ").append(ratio(runnel, raw));
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    private static String ratio(JmhCsv.@Nullable Row numerator, JmhCsv.@Nullable Row denominator) {
        return numerator != null && denominator != null && denominator.score() != 0
                ? String.format(Locale.ROOT, "%.2f×", numerator.score() / denominator.score())
                : "";
    }

    private static boolean shown(String metric) {
        return metric.isEmpty()
                || metric.equals("bytes")
                || metric.equals("records")
                || metric.equals("gc.alloc.rate.norm");
    }

    private static String key(JmhCsv.Row row) {
        StringBuilder key = new StringBuilder(row.benchmark())
                .append(':')
                .append(row.metric())
                .append('|');
        row.params().forEach((name, value) -> {
            if (!name.equals(IMPL)) {
                key.append(name).append('=').append(value).append(',');
            }
        });
        return key.toString();
    }

    private static String metricName(String metric) {
        return metric.isEmpty() ? "score" : metric;
    }

    private static String unit(JmhCsv.Row row) {
        return switch (row.metric()) {
            case "bytes" -> "MB/s";
            case "records" -> "records/s";
            default -> row.unit();
        };
    }

    private static String cell(JmhCsv.@Nullable Row row) {
        if (row == null) {
            return "";
        }
        double scale = row.metric().equals("bytes") ? 1e-6 : 1;
        double score = row.score() * scale;
        double error = row.error() * scale;
        return Double.isNaN(error) ? format(score) : format(score) + " ± " + format(error);
    }

    private static String format(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e7) {
            return String.format(Locale.ROOT, "%.3g", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
