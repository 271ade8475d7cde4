package io.runnel.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges several runs ("rounds") of the same benchmarks: for each benchmark and parameter set (including {@code
 * impl}) it keeps the round whose primary score is best, with that round's secondary metrics and error. On a shared
 * machine other work only ever slows a benchmark down, so the best round is the closest to the machine's real figure;
 * alternating rounds give Runnel and Kafka the same chance of a quiet moment.
 */
final class BestOfRounds {
    private BestOfRounds() {}

    static List<JmhCsv.Row> merge(List<List<JmhCsv.Row>> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        Map<String, Integer> bestRound = new LinkedHashMap<>();
        Map<String, Double> bestScore = new LinkedHashMap<>();
        for (int round = 0; round < rounds.size(); round++) {
            for (JmhCsv.Row row : rounds.get(round)) {
                if (!row.metric().isEmpty()) {
                    continue;
                }
                String key = key(row);
                Double best = bestScore.get(key);
                double score = row.higherIsBetter() ? row.score() : -row.score();
                if (best == null || score > best) {
                    bestScore.put(key, score);
                    bestRound.put(key, round);
                }
            }
        }
        List<JmhCsv.Row> merged = new ArrayList<>();
        for (Map.Entry<String, Integer> entry : bestRound.entrySet()) {
            for (JmhCsv.Row row : rounds.get(entry.getValue())) {
                if (key(row).equals(entry.getKey())) {
                    merged.add(row);
                }
            }
        }
        return merged;
    }

    private static String key(JmhCsv.Row row) {
        return row.benchmark() + "|" + row.params();
    }
}
