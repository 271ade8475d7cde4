package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.serialization.Serdes;
import io.runnel.streams.KeyValue;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.kstream.Suppressed;
import io.runnel.streams.kstream.TimeWindows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** suppress(): final window results and time limits with bounded buffers, checked against Kafka Streams. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SuppressTest {
    private static final long[][] INPUT = {
        {0, 1_000},
        {1, 20_000},
        {0, 59_000},
        {2, 61_000},
        {0, 50_000},
        {1, 69_000},
        {0, 71_000},
        {2, 75_000},
        {1, 5_000},
        {0, 130_000},
        {2, 131_000},
        {1, 200_000}
    };

    private static List<String> runnel(boolean finalResults, Suppressed.BufferConfig buffer) {
        StreamsBuilder b = new StreamsBuilder();
        var grouped = b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey(Grouped.with(Serdes.String(), Serdes.String()));
        if (finalResults) {
            grouped.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(10)))
                    .count()
                    .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()))
                    .toStream()
                    .map((wk, n) -> KeyValue.pair(wk.key() + "@" + wk.window().start(), String.valueOf(n)))
                    .to("out", Produced.with(Serdes.String(), Serdes.String()));
        } else {
            grouped.count()
                    .suppress(Suppressed.untilTimeLimit(Duration.ofSeconds(30), buffer))
                    .toStream()
                    .mapValues(n -> String.valueOf(n))
                    .to("out", Produced.with(Serdes.String(), Serdes.String()));
        }
        List<String> out = new ArrayList<>();
        try (TopologyTestDriver driver =
                new TopologyTestDriver(b.build(), StreamsConfig.builder("sup").build())) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            for (long[] r : INPUT) {
                in.pipeInput("k" + r[0], "v", r[1]);
            }
            for (TestRecord<String, String> r : driver.createOutputTopic(
                            "out",
                            Serdes.String().deserializer(),
                            Serdes.String().deserializer())
                    .readRecordsToList()) {
                out.add(r.key() + "=" + r.value() + "@" + r.timestamp());
            }
        }
        return out;
    }

    private static List<String> kafka(
            boolean finalResults, org.apache.kafka.streams.kstream.Suppressed.BufferConfig<?> buffer) {
        var b = new org.apache.kafka.streams.StreamsBuilder();
        var s = org.apache.kafka.common.serialization.Serdes.String();
        var grouped = b.stream("in", org.apache.kafka.streams.kstream.Consumed.with(s, s))
                .groupByKey(org.apache.kafka.streams.kstream.Grouped.with(s, s));
        if (finalResults) {
            grouped.windowedBy(org.apache.kafka.streams.kstream.TimeWindows.ofSizeAndGrace(
                            Duration.ofMinutes(1), Duration.ofSeconds(10)))
                    .count()
                    .suppress(org.apache.kafka.streams.kstream.Suppressed.untilWindowCloses(
                            org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()))
                    .toStream()
                    .map((wk, n) -> org.apache.kafka.streams.KeyValue.pair(
                            wk.key() + "@" + wk.window().start(), String.valueOf(n)))
                    .to("out", org.apache.kafka.streams.kstream.Produced.with(s, s));
        } else {
            grouped.count()
                    .suppress(
                            org.apache.kafka.streams.kstream.Suppressed.untilTimeLimit(Duration.ofSeconds(30), buffer))
                    .toStream()
                    .mapValues(n -> String.valueOf(n))
                    .to("out", org.apache.kafka.streams.kstream.Produced.with(s, s));
        }
        List<String> out = new ArrayList<>();
        Properties props = new Properties();
        props.put("application.id", "sup");
        props.put("bootstrap.servers", "unused:9092");
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(b.build(), props)) {
            var in = driver.createInputTopic("in", s.serializer(), s.serializer());
            for (long[] r : INPUT) {
                in.pipeInput("k" + r[0], "v", r[1]);
            }
            for (var r : driver.createOutputTopic("out", s.deserializer(), s.deserializer())
                    .readRecordsToList()) {
                out.add(r.key() + "=" + r.value() + "@" + r.timestamp());
            }
        }
        return out;
    }

    @Test
    void shouldEmitOneFinalResultPerWindowAsKafka() {
        List<String> ours = runnel(true, Suppressed.BufferConfig.unbounded());

        assertThat(ours).isEqualTo(kafka(true, org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()));
        assertThat(ours).contains("k0@0=3@59000");
    }

    @Test
    void shouldEmitAfterTimeLimitAsKafka() {
        List<String> ours = runnel(false, Suppressed.BufferConfig.unbounded());

        assertThat(ours).isEqualTo(kafka(false, org.apache.kafka.streams.kstream.Suppressed.BufferConfig.unbounded()));
    }

    @Test
    void shouldEmitEarlyWhenBoundedBufferIsFullAsKafka() {
        List<String> ours = runnel(false, Suppressed.BufferConfig.maxRecords(1));

        assertThat(ours)
                .isEqualTo(kafka(false, org.apache.kafka.streams.kstream.Suppressed.BufferConfig.maxRecords(1)));
    }

    @Test
    void shouldFailWhenStrictBufferIsFull() {
        assertThatThrownBy(() ->
                        runnel(false, Suppressed.BufferConfig.maxRecords(1).shutDownWhenFull()))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("more than 1 keys");
    }

    @Test
    void shouldRejectFinalResultsOnANonWindowedTable() {
        StreamsBuilder b = new StreamsBuilder();
        var table = b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count();

        assertThatThrownBy(() -> table.suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KSTREAM-AGGREGATE-0000000002");
    }
}
