package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.streams.KeyValue;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.Repartitioned;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** KStream.repartition: topics, names and sub-topologies as Kafka Streams makes them, and records flow through. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RepartitionTest {

    private static Topology runnel() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        s.repartition()
                .filter((k, v) -> !v.isEmpty())
                .repartition(Repartitioned.as("named"))
                .to("out");
        return b.build();
    }

    @Test
    void shouldDescribeRepartitionsExactlyAsKafkaStreams() {
        var b = new org.apache.kafka.streams.StreamsBuilder();
        org.apache.kafka.streams.kstream.KStream<String, String> s = b.stream("in");
        s.repartition()
                .filter((k, v) -> !v.isEmpty())
                .repartition(org.apache.kafka.streams.kstream.Repartitioned.as("named"))
                .to("out");

        assertThat(runnel().describe().toString())
                .isEqualTo(b.build().describe().toString());
        assertThat(runnel().describe().subtopologies()).hasSize(3);
    }

    @Test
    void shouldCarryRecordsThroughApplicationPrefixedRepartitionTopicsAndDropNullKeys() {
        try (TopologyTestDriver driver =
                new TopologyTestDriver(runnel(), StreamsConfig.builder("rp").build())) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());

            in.pipeInput("a", "1", 5L);
            in.pipeInput(null, "2", 6L);
            in.pipeInput("b", "", 7L);
            in.pipeInput("c", "3", 8L);

            assertThat(driver.createOutputTopic(
                                    "rp-KSTREAM-REPARTITION-0000000001-repartition",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .getQueueSize())
                    .isEqualTo(3);
            assertThat(driver.createOutputTopic(
                                    "rp-named-repartition",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .getQueueSize())
                    .isEqualTo(2);
            TestOutputTopic<String, String> out = driver.createOutputTopic(
                    "out", Serdes.String().deserializer(), Serdes.String().deserializer());
            assertThat(out.readRecordsToList())
                    .extracting(r -> KeyValue.pair(r.key(), r.value() + "@" + r.timestamp()))
                    .containsExactly(KeyValue.pair("a", "1@5"), KeyValue.pair("c", "3@8"));
        }
    }
}
