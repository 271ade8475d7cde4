package io.runnel.bench.group;

import io.runnel.bench.broker.BrokerKind;
import java.util.Locale;

/**
 * One figure of the benchmark, as written to the raw results file.
 *
 * @param round the round (1-based)
 * @param broker which broker
 * @param scenario what was measured
 * @param cycle the leave/join cycle within the round (1-based; commits: 1)
 * @param value milliseconds until the group was stable again, or commits per second
 * @param rejoinStartedMs eager rebalances: when the last of the members that stayed began to rejoin (revoked its
 *     partitions), in ms after the change: the part of {@code value} spent before every member knew; NaN otherwise
 * @param firstRebalanceMs when every member that stayed had completed the first new generation, ms after the change:
 *     the whole {@code value} for a single rebalance, the first of the two of a cooperative join
 * @param generations how many generations the group went through to be stable (cooperative joins: 2)
 * @param closeMs a member that leaves: how long its {@code close()} took; NaN otherwise
 * @param commitP50Us commits: median latency of one {@code commitSync}, µs; NaN otherwise
 * @param commitP99Us commits: 99th percentile, µs; NaN otherwise
 */
record Measurement(
        int round,
        BrokerKind broker,
        Scenario scenario,
        int cycle,
        double value,
        double rejoinStartedMs,
        double firstRebalanceMs,
        int generations,
        double closeMs,
        double commitP50Us,
        double commitP99Us) {

    static final String CSV_HEADER =
            "round,broker,scenario,cycle,value,unit,rejoin_started_ms,first_rebalance_ms,generations,close_ms,commit_p50_us,"
                    + "commit_p99_us";

    static Measurement rebalance(
            int round,
            BrokerKind broker,
            Scenario scenario,
            int cycle,
            double ms,
            double rejoinStartedMs,
            double firstRebalanceMs,
            int generations,
            double closeMs) {
        return new Measurement(
                round,
                broker,
                scenario,
                cycle,
                ms,
                rejoinStartedMs,
                firstRebalanceMs,
                generations,
                closeMs,
                Double.NaN,
                Double.NaN);
    }

    static Measurement commits(
            int round, BrokerKind broker, Scenario scenario, double perSecond, double p50Us, double p99Us) {
        return new Measurement(
                round, broker, scenario, 1, perSecond, Double.NaN, Double.NaN, 0, Double.NaN, p50Us, p99Us);
    }

    String csvLine() {
        return String.join(
                ",",
                Integer.toString(round),
                broker.name(),
                scenario.name(),
                Integer.toString(cycle),
                number(value),
                scenario.unit(),
                number(rejoinStartedMs),
                number(firstRebalanceMs),
                Integer.toString(generations),
                number(closeMs),
                number(commitP50Us),
                number(commitP99Us));
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }
}
