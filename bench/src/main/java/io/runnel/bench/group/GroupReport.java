package io.runnel.bench.group;

import io.runnel.bench.broker.BrokerKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Renders the measurements as Markdown: per scenario and round, each broker's median over the round's cycles and the
 * paired ratio Runnel / Kafka of that round; then, per scenario, the median of those paired ratios (not the best
 * round) beside each broker's median over the rounds. Immutable.
 */
final class GroupReport {
    private final String settings;
    private final List<Measurement> measurements;
    private final Map<String, String> loadAverages;
    private final List<String> failures;

    /**
     * @param settings the run's settings, already as Markdown
     * @param loadAverages {@code /proc/loadavg} before and after each broker's run, by "round N BROKER"
     */
    GroupReport(
            String settings, List<Measurement> measurements, Map<String, String> loadAverages, List<String> failures) {
        this.settings = settings;
        this.measurements = List.copyOf(measurements);
        this.loadAverages = Map.copyOf(loadAverages);
        this.failures = List.copyOf(failures);
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Consumer groups: Runnel's broker against Apache Kafka's\n\n");
        b.append(settings).append('\n');
        b.append("## Summary: median of the per-round paired ratios\n\n");
        b.append(
                "Rebalances: ms from the change (the leaving member's `close()`, the new member's first `poll()`) until"
                        + " every member had completed the same new generation and their assignments covered the topic"
                        + " disjointly; each round's figure is the median of its cycles. Commits: commits/s (higher is"
                        + " better).\n\n");
        b.append("| Scenario | Kafka, per round | Runnel, per round | Runnel / Kafka, per round | Kafka median |"
                + " Runnel median | **Runnel / Kafka** (median of ratios) |\n");
        b.append("|---|---|---|---|---:|---:|---:|\n");
        for (Scenario scenario : Scenario.values()) {
            List<Integer> rounds = rounds(scenario);
            if (rounds.isEmpty()) {
                continue;
            }
            List<Double> kafka = new ArrayList<>();
            List<Double> runnel = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int round : rounds) {
                OptionalDouble k = roundMedian(scenario, round, BrokerKind.KAFKA, Measurement::value);
                OptionalDouble r = roundMedian(scenario, round, BrokerKind.RUNNEL, Measurement::value);
                kafka.add(k.orElse(Double.NaN));
                runnel.add(r.orElse(Double.NaN));
                ratios.add(k.isPresent() && r.isPresent() ? r.getAsDouble() / k.getAsDouble() : Double.NaN);
            }
            b.append(String.format(
                    Locale.ROOT,
                    "| %s (%s) | %s | %s | %s | %s | %s | **%s** |\n",
                    scenario.title(),
                    scenario.unit(),
                    list(kafka, "%.0f"),
                    list(runnel, "%.0f"),
                    list(ratios, "%.2f"),
                    format(median(kafka), "%.0f"),
                    format(median(runnel), "%.0f"),
                    format(median(ratios), "%.2f")));
        }
        b.append("\n## Eager rebalances: when the last member that stayed began to rejoin\n\n");
        b.append("ms after the change, median per round (the client's share: each member learns of the rebalance from"
                + " a heartbeat answer or its own JoinGroup); the rest of the rebalance time is the JoinGroup/SyncGroup"
                + " exchange.\n\n");
        b.append("| Scenario | Kafka, per round | Runnel, per round |\n|---|---|---|\n");
        for (Scenario scenario : List.of(Scenario.EAGER_LEAVE, Scenario.EAGER_JOIN)) {
            List<Double> kafka = new ArrayList<>();
            List<Double> runnel = new ArrayList<>();
            for (int round : rounds(scenario)) {
                kafka.add(roundMedian(scenario, round, BrokerKind.KAFKA, Measurement::rejoinStartedMs)
                        .orElse(Double.NaN));
                runnel.add(roundMedian(scenario, round, BrokerKind.RUNNEL, Measurement::rejoinStartedMs)
                        .orElse(Double.NaN));
            }
            b.append(String.format("| %s | %s | %s |\n", scenario.title(), list(kafka, "%.0f"), list(runnel, "%.0f")));
        }
        b.append("\n## Cooperative joins: when the first of the two rebalances had completed\n\n");
        b.append("ms after the new member's first `poll()`, median per round; the rest is the follow-up rebalance that"
                + " hands over the partitions the first one revoked.\n\n");
        b.append("| Scenario | Kafka, per round | Runnel, per round |\n|---|---|---|\n");
        List<Double> kafkaFirst = new ArrayList<>();
        List<Double> runnelFirst = new ArrayList<>();
        for (int round : rounds(Scenario.COOPERATIVE_JOIN)) {
            kafkaFirst.add(
                    roundMedian(Scenario.COOPERATIVE_JOIN, round, BrokerKind.KAFKA, Measurement::firstRebalanceMs)
                            .orElse(Double.NaN));
            runnelFirst.add(
                    roundMedian(Scenario.COOPERATIVE_JOIN, round, BrokerKind.RUNNEL, Measurement::firstRebalanceMs)
                            .orElse(Double.NaN));
        }
        b.append(String.format(
                "| %s | %s | %s |\n",
                Scenario.COOPERATIVE_JOIN.title(), list(kafkaFirst, "%.0f"), list(runnelFirst, "%.0f")));
        b.append("\n## Every measurement\n\n");
        b.append("| Round | Broker | Scenario | Cycle | Value | Rejoin started (ms) | First generation (ms) |"
                + " Generations | close() (ms) | Commit p50 / p99 (µs) |\n"
                + "|---:|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (Measurement m : measurements) {
            b.append(String.format(
                    Locale.ROOT,
                    "| %d | %s | %s | %d | %.1f %s | %s | %s | %d | %s | %s |\n",
                    m.round(),
                    m.broker().title(),
                    m.scenario().name(),
                    m.cycle(),
                    m.value(),
                    m.scenario().unit(),
                    format(m.rejoinStartedMs(), "%.0f"),
                    format(m.firstRebalanceMs(), "%.0f"),
                    m.generations(),
                    format(m.closeMs(), "%.0f"),
                    Double.isNaN(m.commitP50Us())
                            ? ""
                            : format(m.commitP50Us(), "%.0f") + " / " + format(m.commitP99Us(), "%.0f")));
        }
        b.append("\n## Load average (1, 5, 15 min) before and after each broker's run\n\n");
        loadAverages.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> b.append("- ")
                .append(e.getKey())
                .append(": ")
                .append(e.getValue())
                .append('\n'));
        b.append("\n## Failures\n\n");
        if (failures.isEmpty()) {
            b.append("None.\n");
        }
        for (String f : failures) {
            b.append("- ").append(f).append('\n');
        }
        return b.toString();
    }

    private List<Integer> rounds(Scenario scenario) {
        return new ArrayList<>(measurements.stream()
                .filter(m -> m.scenario() == scenario)
                .map(Measurement::round)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private OptionalDouble roundMedian(
            Scenario scenario, int round, BrokerKind broker, ToDoubleFunction<Measurement> figure) {
        List<Double> values = measurements.stream()
                .filter(m -> m.scenario() == scenario && m.round() == round && m.broker() == broker)
                .map(figure::applyAsDouble)
                .filter(v -> !v.isNaN())
                .toList();
        return values.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(median(values));
    }

    /** The median, NaN entries left out; NaN if nothing is left. */
    static double median(Collection<Double> values) {
        List<Double> sorted = values.stream()
                .filter(Objects::nonNull)
                .filter(v -> !v.isNaN())
                .sorted()
                .toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String list(List<Double> values, String format) {
        return values.stream().map(v -> format(v, format)).collect(Collectors.joining(", "));
    }

    private static String format(double v, String format) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
