package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.KeyValueStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.streams.KeyValue;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Produced;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The word-count application as a whole, checked against Kafka Streams' own test driver on the same input. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WordCountTest {
    private static final List<String> LINES = List.of(
            "all streams lead to kafka",
            "hello kafka streams",
            "join kafka summit",
            "streams streams streams",
            "",
            "Hello World");

    static Topology runnelWordCount() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(v -> Arrays.asList(v.toLowerCase(Locale.ROOT).split("\\W+")))
                .filter((k, w) -> !w.isEmpty())
                .groupBy((k, w) -> w, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts-store"))
                .toStream()
                .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    static org.apache.kafka.streams.Topology kafkaWordCount() {
        var b = new org.apache.kafka.streams.StreamsBuilder();
        var strings = org.apache.kafka.common.serialization.Serdes.String();
        b.stream("in", org.apache.kafka.streams.kstream.Consumed.with(strings, strings))
                .flatMapValues(v -> Arrays.asList(v.toLowerCase(Locale.ROOT).split("\\W+")))
                .filter((k, w) -> !w.isEmpty())
                .groupBy((k, w) -> w, org.apache.kafka.streams.kstream.Grouped.with(strings, strings))
                .count(org.apache.kafka.streams.kstream.Materialized.as("counts-store"))
                .toStream()
                .to(
                        "out",
                        org.apache.kafka.streams.kstream.Produced.with(
                                strings, org.apache.kafka.common.serialization.Serdes.Long()));
        return b.build();
    }

    @Test
    void shouldDescribeWordCountExactlyAsKafkaStreams() {
        assertThat(runnelWordCount().describe().toString())
                .isEqualTo(kafkaWordCount().describe().toString());
    }

    @Test
    void shouldCountWordsAsKafkaStreamsDoes() {
        List<String> ours = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                runnelWordCount(), StreamsConfig.builder("wordcount").build())) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            long ts = 1_000;
            for (String line : LINES) {
                in.pipeInput(null, line, ts += 7);
            }
            for (TestRecord<String, Long> r : driver.createOutputTopic(
                            "out", Serdes.String().deserializer(), Serdes.Long().deserializer())
                    .readRecordsToList()) {
                ours.add(r.key() + "=" + r.value() + "@" + r.timestamp());
            }
            KeyValueStore<String, ValueAndTimestamp<Long>> store = driver.getKeyValueStore("counts-store");
            assertThat(store.get("streams").value()).isEqualTo(5L);
            assertThat(driver.createOutputTopic(
                                    "wordcount-counts-store-repartition",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .getQueueSize())
                    .isEqualTo(16);
            assertThat(driver.createOutputTopic(
                                    "wordcount-counts-store-changelog",
                                    Serdes.String().deserializer(),
                                    Serdes.ByteArray().deserializer())
                            .getQueueSize())
                    .isEqualTo(16);
        }

        List<String> kafka = new ArrayList<>();
        Properties props = new Properties();
        props.put("application.id", "wordcount");
        props.put("bootstrap.servers", "unused:9092");
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(kafkaWordCount(), props)) {
            var strings = org.apache.kafka.common.serialization.Serdes.String();
            var in = driver.createInputTopic("in", strings.serializer(), strings.serializer());
            long ts = 1_000;
            for (String line : LINES) {
                in.pipeInput(null, line, ts += 7);
            }
            var out = driver.createOutputTopic(
                    "out",
                    strings.deserializer(),
                    org.apache.kafka.common.serialization.Serdes.Long().deserializer());
            for (var r : out.readRecordsToList()) {
                kafka.add(r.key() + "=" + r.value() + "@" + r.timestamp());
            }
        }

        assertThat(ours).isEqualTo(kafka).contains("streams=5@1028", "hello=2@1042");
    }

    @Test
    void shouldEmitOnceForSeveralUpdatesOfAKeyBetweenCommitsWhenCaching() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(v -> Arrays.asList(v.split(" ")))
                .groupByKey()
                .count()
                .toStream()
                .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver =
                new TopologyTestDriver(b.build(), StreamsConfig.builder("c").build())) {
            driver.createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k", "x y z");

            assertThat(driver.createOutputTopic(
                                    "out",
                                    Serdes.String().deserializer(),
                                    Serdes.Long().deserializer())
                            .readKeyValuesToList())
                    .containsExactly(KeyValue.pair("k", 3L));
        }
    }
}
