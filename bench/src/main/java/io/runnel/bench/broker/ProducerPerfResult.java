package io.runnel.bench.broker;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary line of Kafka's {@code ProducerPerformance} ({@code kafka-producer-perf-test}), which reads
 *
 * <pre>
 * 2000000 records sent, 251382.6 records/sec (23.97 MB/sec), 861.94 ms avg latency, 1650.00 ms max latency,
 *     850 ms 50th, 1350 ms 95th, 1496 ms 99th, 1617 ms 99.9th.
 * </pre>
 *
 * (one line). The tool's "MB" is 2^20 bytes of record values; latency is measured per record from {@code send} to its
 * acknowledgement, so it includes the time a record waits in the producer's buffer.
 *
 * @param records records acknowledged
 * @param recordsPerSecond records per second over the whole run
 * @param mibPerSecond MiB of record values per second
 * @param avgLatencyMs mean latency, ms
 * @param maxLatencyMs largest latency, ms
 * @param p50LatencyMs median latency, ms
 * @param p95LatencyMs 95th percentile, ms
 * @param p99LatencyMs 99th percentile, ms
 * @param p999LatencyMs 99.9th percentile, ms
 */
public record ProducerPerfResult(
        long records,
        double recordsPerSecond,
        double mibPerSecond,
        double avgLatencyMs,
        double maxLatencyMs,
        double p50LatencyMs,
        double p95LatencyMs,
        double p99LatencyMs,
        double p999LatencyMs) {

    private static final String NUMBER = "([0-9]+(?:[.,][0-9]+)?)";
    private static final Pattern SUMMARY = Pattern.compile("^\\s*([0-9]+) records sent, " + NUMBER
            + " records/sec \\(" + NUMBER + " MB/sec\\), " + NUMBER + " ms avg latency, " + NUMBER
            + " ms max latency, " + NUMBER + " ms 50th, " + NUMBER + " ms 95th, " + NUMBER + " ms 99th, " + NUMBER
            + " ms 99\\.9th\\.?\\s*$");

    /**
     * Finds the summary line in the tool's output. The periodic progress lines ("... records sent, ... ms max
     * latency.") lack the percentiles and are skipped; if there are several summaries, the last one wins.
     *
     * @param lines the tool's standard output
     * @return the summary, or empty if the run did not finish (the tool prints none then)
     */
    public static Optional<ProducerPerfResult> parse(List<String> lines) {
        Optional<ProducerPerfResult> result = Optional.empty();
        for (String line : lines) {
            Matcher m = SUMMARY.matcher(line);
            if (m.matches()) {
                result = Optional.of(new ProducerPerfResult(
                        Long.parseLong(m.group(1)),
                        number(m.group(2)),
                        number(m.group(3)),
                        number(m.group(4)),
                        number(m.group(5)),
                        number(m.group(6)),
                        number(m.group(7)),
                        number(m.group(8)),
                        number(m.group(9))));
            }
        }
        return result;
    }

    private static double number(String text) {
        // The tool formats with the default locale; accept a decimal comma too.
        return Double.parseDouble(text.replace(',', '.'));
    }
}
