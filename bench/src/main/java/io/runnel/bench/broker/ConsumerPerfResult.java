package io.runnel.bench.broker;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result of a consumer throughput run, as Kafka's {@code ConsumerPerformance} ({@code
 * kafka-consumer-perf-test}) prints it: a header line and a value line, comma separated,
 *
 * <pre>
 * start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
 *     fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
 * 2026-11-25 16:20:01:123, 2026-11-25 16:20:09:456, 190.7349, 22.8893, 2000000, 240009.6, 3012, 5321, 35.8457, 375868.3
 * </pre>
 *
 * (each one line). {@link AssignedConsumerPerformance} prints the same two lines, so both tools parse alike. "MB" is
 * 2^20 bytes of keys and values. The {@code fetch.*} figures leave out the consumer group's join ({@code
 * rebalance.time.ms}); {@code MB.sec} and {@code nMsg.sec} include it.
 *
 * @param records records consumed
 * @param mib MiB of keys and values consumed
 * @param mibPerSecond MiB/s over the whole run, group join included
 * @param recordsPerSecond records/s over the whole run
 * @param rebalanceMs time spent joining the group before the first fetch, ms
 * @param fetchMibPerSecond MiB/s after the group join
 * @param fetchRecordsPerSecond records/s after the group join
 */
public record ConsumerPerfResult(
        long records,
        double mib,
        double mibPerSecond,
        double recordsPerSecond,
        long rebalanceMs,
        double fetchMibPerSecond,
        double fetchRecordsPerSecond) {

    static final String HEADER = "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,"
            + " rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec";

    /**
     * Finds the header line and reads the first line after it that has a value for each of its columns.
     *
     * @param lines the tool's standard output
     * @return the result, or empty if there is no header followed by a well-formed value line
     */
    public static Optional<ConsumerPerfResult> parse(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("start.time,")) {
                // The consumer's own log lines may come between the header and the values.
                for (int j = i + 1; j < lines.size(); j++) {
                    Optional<ConsumerPerfResult> result = parse(lines.get(i), lines.get(j));
                    if (result.isPresent()) {
                        return result;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<ConsumerPerfResult> parse(String headerLine, String valueLine) {
        String[] names = headerLine.split(",");
        String[] values = valueLine.split(",");
        if (names.length != values.length) {
            return Optional.empty();
        }
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            fields.put(names[i].trim(), values[i].trim());
        }
        String[] required = {
            "data.consumed.in.nMsg",
            "data.consumed.in.MB",
            "MB.sec",
            "nMsg.sec",
            "rebalance.time.ms",
            "fetch.MB.sec",
            "fetch.nMsg.sec"
        };
        for (String name : required) {
            String value = fields.get(name);
            if (value == null || !value.matches("-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?|NaN|-?Infinity")) {
                return Optional.empty();
            }
        }
        return Optional.of(new ConsumerPerfResult(
                (long) Double.parseDouble(fields.getOrDefault("data.consumed.in.nMsg", "0")),
                Double.parseDouble(fields.getOrDefault("data.consumed.in.MB", "0")),
                Double.parseDouble(fields.getOrDefault("MB.sec", "0")),
                Double.parseDouble(fields.getOrDefault("nMsg.sec", "0")),
                (long) Double.parseDouble(fields.getOrDefault("rebalance.time.ms", "0")),
                Double.parseDouble(fields.getOrDefault("fetch.MB.sec", "0")),
                Double.parseDouble(fields.getOrDefault("fetch.nMsg.sec", "0"))));
    }

    /** The value line in the format above. */
    String toValueLine(String start, String end, long fetchMs) {
        return String.format(
                Locale.ROOT,
                "%s, %s, %.4f, %.4f, %d, %.4f, %d, %d, %.4f, %.4f",
                start,
                end,
                mib,
                mibPerSecond,
                records,
                recordsPerSecond,
                rebalanceMs,
                fetchMs,
                fetchMibPerSecond,
                fetchRecordsPerSecond);
    }
}
