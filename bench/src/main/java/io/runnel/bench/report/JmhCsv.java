package io.runnel.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JMH's CSV result format: a header line ({@code "Benchmark","Mode","Threads","Samples","Score","Score Error
 * (99.9%)","Unit","Param: name"...}) and one line per benchmark and secondary metric, strings quoted.
 */
final class JmhCsv {
    private static final int FIXED_COLUMNS = 7;
    private static final String PARAM_PREFIX = "Param: ";

    private JmhCsv() {}

    /**
     * One result line.
     *
     * @param benchmark the full benchmark method name, without the metric
     * @param metric the secondary metric after ':', or empty for the primary score
     * @param mode JMH's mode: {@code thrpt} (higher is better), {@code avgt}, {@code sample}, {@code ss}
     * @param score the score
     * @param error the 99.9% error, NaN when JMH had too few samples
     * @param unit JMH's unit
     * @param params parameter values by name, in column order
     */
    record Row(
            String benchmark,
            String metric,
            String mode,
            double score,
            double error,
            String unit,
            Map<String, String> params) {
        Row {
            params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }

        /** Whether a higher score is better: throughput, as opposed to time per operation. */
        boolean higherIsBetter() {
            return mode.equals("thrpt");
        }

        /** {@code Class.method} without the package. */
        String benchmarkName() {
            int method = benchmark.lastIndexOf('.');
            int type = benchmark.lastIndexOf('.', method - 1);
            return benchmark.substring(type + 1);
        }
    }

    static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = split(lines.get(0));
        if (header.size() < FIXED_COLUMNS || !header.get(0).equals("Benchmark")) {
            throw new IllegalArgumentException(file + " is not a JMH CSV result file: header " + header);
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line);
            String name = cells.get(0);
            int colon = name.indexOf(':');
            Map<String, String> params = new LinkedHashMap<>();
            for (int i = FIXED_COLUMNS; i < header.size() && i < cells.size(); i++) {
                params.put(header.get(i).replace(PARAM_PREFIX, ""), cells.get(i));
            }
            rows.add(new Row(
                    colon < 0 ? name : name.substring(0, colon),
                    colon < 0 ? "" : name.substring(colon + 1),
                    cells.get(1),
                    Double.parseDouble(cells.get(4)),
                    Double.parseDouble(cells.get(5)),
                    cells.get(6),
                    params));
        }
        return rows;
    }

    /** Splits one CSV line; quotes group commas, and a doubled quote inside quotes is a quote. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
