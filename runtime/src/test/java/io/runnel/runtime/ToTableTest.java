package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.state.KeyValueStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Produced;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KStream.toTable, plain and materialized after a key change, against Kafka Streams' test driver. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ToTableTest {
    private static final String[][] INPUT = {{"a", "x1"}, {"b", "y1"}, {null, "z1"}, {"a", null}, {"c", "x2"}};

    private static Topology runnel() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        s.toTable().toStream().to("o1", Produced.with(Serdes.String(), Serdes.String()));
        s.selectKey((k, v) -> v == null ? "none" : v.substring(0, 1))
                .toTable(Materialized.<String, String, KeyValueStore<io.runnel.common.utils.Bytes, byte[]>>as("t")
                        .withKeySerde(Serdes.String())
                        .withValueSerde(Serdes.String()))
                .toStream()
                .to("o2", Produced.with(Serdes.String(), Serdes.String()));
        return b.build();
    }

    private static org.apache.kafka.streams.Topology kafka() {
        var b = new org.apache.kafka.streams.StreamsBuilder();
        var str = org.apache.kafka.common.serialization.Serdes.String();
        org.apache.kafka.streams.kstream.KStream<String, String> s =
                b.stream("in", org.apache.kafka.streams.kstream.Consumed.with(str, str));
        s.toTable().toStream().to("o1", org.apache.kafka.streams.kstream.Produced.with(str, str));
        s.selectKey((k, v) -> v == null ? "none" : v.substring(0, 1))
                .toTable(org.apache.kafka.streams.kstream.Materialized
                        .<String, String,
                                org.apache.kafka.streams.state.KeyValueStore<
                                        org.apache.kafka.common.utils.Bytes, byte[]>>
                                as("t")
                        .withKeySerde(str)
                        .withValueSerde(str))
                .toStream()
                .to("o2", org.apache.kafka.streams.kstream.Produced.with(str, str));
        return b.build();
    }

    @Test
    void shouldDescribeAsKafkaStreams() {
        assertThat(runnel().describe().toString()).isEqualTo(kafka().describe().toString());
    }

    @Test
    void shouldProduceTheSameTableUpdatesAsKafkaStreams() {
        List<String> ours = new ArrayList<>();
        try (TopologyTestDriver driver =
                new TopologyTestDriver(runnel(), StreamsConfig.builder("tt").build())) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            long ts = 100;
            for (String[] r : INPUT) {
                in.pipeInput(r[0], r[1], ts += 10);
            }
            for (String topic : List.of("o1", "o2")) {
                for (TestRecord<String, String> r : driver.createOutputTopic(
                                topic,
                                Serdes.String().deserializer(),
                                Serdes.String().deserializer())
                        .readRecordsToList()) {
                    ours.add(topic + ":" + r.key() + "=" + r.value() + "@" + r.timestamp());
                }
            }
            KeyValueStore<String, ValueAndTimestamp<String>> t = driver.getKeyValueStore("t");
            assertThat(t.get("x").value()).isEqualTo("x2");
            assertThat(driver.droppedRecords()).isEqualTo(1);
        }
        List<String> kafka = new ArrayList<>();
        Properties props = new Properties();
        props.put("application.id", "tt");
        props.put("bootstrap.servers", "unused:9092");
        try (var driver = new org.apache.kafka.streams.TopologyTestDriver(kafka(), props)) {
            var str = org.apache.kafka.common.serialization.Serdes.String();
            var in = driver.createInputTopic("in", str.serializer(), str.serializer());
            long ts = 100;
            for (String[] r : INPUT) {
                in.pipeInput(r[0], r[1], ts += 10);
            }
            for (String topic : List.of("o1", "o2")) {
                for (var r : driver.createOutputTopic(topic, str.deserializer(), str.deserializer())
                        .readRecordsToList()) {
                    kafka.add(topic + ":" + r.key() + "=" + r.value() + "@" + r.timestamp());
                }
            }
        }

        assertThat(ours).isEqualTo(kafka).contains("o1:a=null@140", "o2:x=x2@150");
    }
}
