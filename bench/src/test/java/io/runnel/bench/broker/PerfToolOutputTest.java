package io.runnel.bench.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PerfToolOutputTest {

    @Test
    void shouldReadProducerSummaryWhenProgressLinesPrecedeIt() {
        List<String> output = List.of(
                "[main] INFO org.apache.kafka.clients.producer.ProducerConfig - ProducerConfig values:",
                "84120 records sent, 16820.6 records/sec (1.60 MB/sec), 1101.3 ms avg latency, 1804.0 ms max latency.",
                "200000 records sent, 25144.581343 records/sec (2.40 MB/sec), 2229.78 ms avg latency, 3126.00 ms max"
                        + " latency, 2545 ms 50th, 3013 ms 95th, 3081 ms 99th, 3123 ms 99.9th.",
                "[main] INFO org.apache.kafka.common.metrics.Metrics - Metrics reporters closed");

        ProducerPerfResult result = ProducerPerfResult.parse(output).orElseThrow();

        assertThat(result)
                .isEqualTo(
                        new ProducerPerfResult(200_000, 25144.581343, 2.40, 2229.78, 3126.00, 2545, 3013, 3081, 3123));
    }

    @Test
    void shouldFindNoProducerSummaryWhenRunDidNotFinish() {
        List<String> output = List.of(
                "84120 records sent, 16820.6 records/sec (1.60 MB/sec), 1101.3 ms avg latency, 1804.0 ms max latency.",
                "org.apache.kafka.common.errors.TimeoutException: Expiring 12 record(s) for perf-0");

        assertThat(ProducerPerfResult.parse(output)).isEmpty();
    }

    @Test
    void shouldAcceptDecimalCommaWhenToolRanInSuchLocale() {
        List<String> output = List.of("1000 records sent, 500,5 records/sec (0,05 MB/sec), 2,50 ms avg latency,"
                + " 9,00 ms max latency, 2 ms 50th, 5 ms 95th, 8 ms 99th, 9 ms 99.9th.");

        ProducerPerfResult result = ProducerPerfResult.parse(output).orElseThrow();

        assertThat(result.recordsPerSecond()).isEqualTo(500.5);
        assertThat(result.p99LatencyMs()).isEqualTo(8);
    }

    @Test
    void shouldReadConsumerValuesWhenLogLinesSitBetweenHeaderAndValues() {
        List<String> output = List.of(
                ConsumerPerfResult.HEADER,
                "[main] INFO org.apache.kafka.clients.consumer.ConsumerConfig - ConsumerConfig values:",
                "\tvalue.deserializer = class org.apache.kafka.common.serialization.ByteArrayDeserializer",
                "2026-11-25 16:19:22:830, 2026-11-25 16:19:28:825, 19.0735, 3.1816, 200000, 33361.1343, 4488, 1507,"
                        + " 12.6566, 132714.0013");

        ConsumerPerfResult result = ConsumerPerfResult.parse(output).orElseThrow();

        assertThat(result)
                .isEqualTo(new ConsumerPerfResult(200_000, 19.0735, 3.1816, 33361.1343, 4488, 12.6566, 132714.0013));
    }

    @Test
    void shouldFindNoConsumerResultWhenOnlyHeaderWasPrinted() {
        List<String> output = List.of(
                ConsumerPerfResult.HEADER,
                "org.apache.kafka.common.errors.UnsupportedVersionException: The node does not support"
                        + " FIND_COORDINATOR");

        assertThat(ConsumerPerfResult.parse(output)).isEmpty();
    }

    @Test
    void shouldParseOwnValueLineWhenWrittenByAssignedConsumer() {
        ConsumerPerfResult written = new ConsumerPerfResult(1000, 0.1, 2.5, 25000.0, 0, 2.5, 25000.0);

        String line = written.toValueLine("2026-11-25 16:00:00:000", "2026-11-25 16:00:00:040", 40);

        assertThat(ConsumerPerfResult.parse(List.of(ConsumerPerfResult.HEADER, line)))
                .contains(written);
    }

    @Test
    void shouldReadHeapAndResidentSetWhenJcmdAndProcStatusAnswer() {
        List<String> heapInfo = List.of(
                "12345:",
                " garbage-first heap   total 1048576K, used 24567K [0x00000000c0000000, 0x0000000100000000)",
                "  region size 1024K, 5 young (5120K), 0 survivors (0K)",
                " Metaspace       used 30000K, committed 30500K, reserved 1114112K");
        List<String> status = List.of("Name:\tjava", "VmHWM:\t  439916 kB", "VmRSS:\t  401200 kB");

        HeapSample sample = HeapSample.parse(heapInfo, status);

        assertThat(sample).isEqualTo(new HeapSample(24567, 1048576, 401200, 439916));
    }

    @Test
    void shouldReportUnknownWhenJcmdPrintsNoHeapLine() {
        HeapSample sample =
                HeapSample.parse(List.of("12345:", "com.sun.tools.attach.AttachNotSupportedException"), List.of());

        assertThat(sample).isEqualTo(HeapSample.UNKNOWN);
    }
}
