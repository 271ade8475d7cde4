package io.runnel.bench.broker;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one broker did in one round of the comparison. Phases that failed have an empty result and a line in
 * {@code failures}.
 *
 * @param kind the broker
 * @param round 1-based round number
 * @param acksOne the producer run with {@code acks=1}
 * @param acksAll the producer run with {@code acks=all} (into a second topic)
 * @param fixedRate a producer run with {@code acks=all} throttled to the same rate for both brokers, for latency at
 *     equal load (empty if disabled or failed)
 * @param assignedConsumer the {@link AssignedConsumerPerformance} run over the {@code acks=1} topic
 * @param groupConsumer Kafka's {@code ConsumerPerformance} (consumer group) over the same topic
 * @param heapAfterAcksOne memory after the {@code acks=1} run
 * @param heapAfterAcksAll memory after the {@code acks=all} run
 * @param heapAfterConsume memory after the consumer runs
 * @param cpu the broker's CPU time in the measured phases
 * @param loadBefore {@code /proc/loadavg} before the broker started
 * @param loadAfter {@code /proc/loadavg} after it stopped
 * @param failures one line per failed phase, with the exact error
 */
record BrokerRun(
        BrokerKind kind,
        int round,
        Optional<ProducerPerfResult> acksOne,
        Optional<ProducerPerfResult> acksAll,
        Optional<ProducerPerfResult> fixedRate,
        Optional<ConsumerPerfResult> assignedConsumer,
        Optional<ConsumerPerfResult> groupConsumer,
        HeapSample heapAfterAcksOne,
        HeapSample heapAfterAcksAll,
        HeapSample heapAfterConsume,
        Cpu cpu,
        String loadBefore,
        String loadAfter,
        List<String> failures) {

    BrokerRun {
        failures = List.copyOf(failures);
    }

    /**
     * The broker's CPU time ({@link ProcessCpu}) during three phases, and the records each phase moved: what the
     * broker spent per record, independent of whether the broker or the client set the pace. Empty where a phase
     * failed or the time is unknown.
     *
     * @param acksOne CPU time during the {@code acks=1} producer run
     * @param acksAll CPU time during the {@code acks=all} producer run
     * @param consume CPU time during the {@code assign()} consumer run, all its passes
     * @param producedRecords records in each producer run
     * @param consumedRecords records the {@code assign()} consumer read over all its passes
     */
    record Cpu(
            Optional<ProcessCpu.Millis> acksOne,
            Optional<ProcessCpu.Millis> acksAll,
            Optional<ProcessCpu.Millis> consume,
            long producedRecords,
            long consumedRecords) {
        static final Cpu UNKNOWN = new Cpu(Optional.empty(), Optional.empty(), Optional.empty(), 0, 0);

        OptionalDouble acksOneRecordsPerCpuSecond() {
            return perCpuSecond(producedRecords, acksOne);
        }

        OptionalDouble acksAllRecordsPerCpuSecond() {
            return perCpuSecond(producedRecords, acksAll);
        }

        OptionalDouble consumeRecordsPerCpuSecond() {
            return perCpuSecond(consumedRecords, consume);
        }

        /** Records per second of broker CPU outside the JIT compiler threads (see {@link ProcessCpu}). */
        private static OptionalDouble perCpuSecond(long records, Optional<ProcessCpu.Millis> cpu) {
            return records > 0 && cpu.isPresent() && cpu.get().excludingCompilation() > 0
                    ? OptionalDouble.of(records * 1000.0 / cpu.get().excludingCompilation())
                    : OptionalDouble.empty();
        }
    }

    /** The largest heap in use after a full GC at the end of any phase, KiB, or -1. */
    long maxHeapUsedKib() {
        return Math.max(
                heapAfterAcksOne.heapUsedKib(),
                Math.max(heapAfterAcksAll.heapUsedKib(), heapAfterConsume.heapUsedKib()));
    }
}
