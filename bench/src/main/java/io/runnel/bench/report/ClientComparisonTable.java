package io.runnel.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Prints the client benchmarks' JMH CSV ({@code io.runnel.bench.client}, run with {@code -prof gc}) as one Markdown
 * table: a row per benchmark, broker and other parameters, with each client's records/s (± 99.9% error) and bytes
 * allocated per record ({@code gc.alloc.rate.norm}), and the ratios Runnel / Kafka. Missing results show as "—".
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.runnel.bench.report.ClientComparisonTable bench/results/client-&lt;time&gt;/jmh.csv
 * </pre>
 */
public final class ClientComparisonTable {
    private static final String CLIENT = "client";
    private static final String BROKER = "broker";
    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final List<String> HIDDEN_PARAMS = List.of(CLIENT, BROKER, "dir", "classpathFile");

    private ClientComparisonTable() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ClientComparisonTable <jmh-results.csv>");
        }
        System.out.println(render(JmhCsv.read(Path.of(args[0]))));
    }

    /** The Markdown table of the client benchmarks' rows. */
    static String render(List<JmhCsv.Row> rows) {
        Map<String, Map<String, JmhCsv.Row>> byKey = new LinkedHashMap<>();
        for (JmhCsv.Row row : rows) {
            String client = row.params().get(CLIENT);
            if (client == null || !(row.metric().isEmpty() || row.metric().equals(ALLOCATION))) {
                continue;
            }
            byKey.computeIfAbsent(key(row), k -> new LinkedHashMap<>()).put(client + ":" + row.metric(), row);
        }
        StringBuilder out = new StringBuilder();
        out.append("| benchmark | broker | other parameters | Runnel client, records/s | Kafka client, records/s"
                + " | Runnel / Kafka | Runnel client, B/record | Kafka client, B/record | Runnel / Kafka |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, JmhCsv.Row>> entry : byKey.entrySet()) {
            Map<String, JmhCsv.Row> cells = entry.getValue();
            JmhCsv.Row runnel = cells.get("RUNNEL:");
            JmhCsv.Row kafka = cells.get("KAFKA:");
            JmhCsv.Row runnelBytes = cells.get("RUNNEL:" + ALLOCATION);
            JmhCsv.Row kafkaBytes = cells.get("KAFKA:" + ALLOCATION);
            out.append("| ")
                    .append(entry.getKey())
                    .append(" | ")
                    .append(withError(runnel))
                    .append(" | ")
                    .append(withError(kafka))
                    .append(" | ")
                    .append(ratio(runnel, kafka))
                    .append(" | ")
                    .append(bytes(runnelBytes))
                    .append(" | ")
                    .append(bytes(kafkaBytes))
                    .append(" | ")
                    .append(ratio(runnelBytes, kafkaBytes))
                    .append(" |\n");
        }
        return out.toString();
    }

    /** {@code benchmark | broker | other=params}: the first three columns. */
    private static String key(JmhCsv.Row row) {
        String others = row.params().entrySet().stream()
                .filter(e -> !HIDDEN_PARAMS.contains(e.getKey())
                        && !e.getValue().isEmpty()
                        && !e.getValue().equals("N/A"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
        List<String> columns = new ArrayList<>(
                List.of(row.benchmarkName(), row.params().getOrDefault(BROKER, "?"), others.isEmpty() ? "—" : others));
        return String.join(" | ", columns);
    }

    private static String withError(JmhCsv.@Nullable Row row) {
        if (row == null) {
            return "—";
        }
        String score = String.format(Locale.ROOT, "%,.0f", row.score());
        return Double.isNaN(row.error()) ? score : score + String.format(Locale.ROOT, " ± %,.0f", row.error());
    }

    private static String bytes(JmhCsv.@Nullable Row row) {
        return row == null ? "—" : String.format(Locale.ROOT, "%,.1f", row.score());
    }

    private static String ratio(JmhCsv.@Nullable Row runnel, JmhCsv.@Nullable Row kafka) {
        if (runnel == null || kafka == null || kafka.score() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%.2f×", runnel.score() / kafka.score());
    }
}
