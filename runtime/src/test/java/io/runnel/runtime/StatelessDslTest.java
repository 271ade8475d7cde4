package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.common.serialization.Serdes;
import io.runnel.streams.KeyValue;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.kstream.Branched;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessorContext;
import io.runnel.streams.processor.api.FixedKeyRecord;
import io.runnel.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatelessDslTest {
    private static final StreamsConfig CONFIG = StreamsConfig.builder("dsl")
            .defaultKeySerde(Serdes.String())
            .defaultValueSerde(Serdes.String())
            .build();

    private static List<KeyValue<String, String>> run(StreamsBuilder b, List<KeyValue<String, String>> input) {
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), CONFIG)) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeKeyValueList(input);
            return driver.createOutputTopic(
                            "out",
                            Serdes.String().deserializer(),
                            Serdes.String().deserializer())
                    .readKeyValuesToList();
        }
    }

    private static final List<KeyValue<String, String>> INPUT =
            List.of(KeyValue.pair("a", "apple pie"), KeyValue.pair("b", "banana"), KeyValue.pair("c", "cherry tart"));

    @Test
    void shouldFilterAndFilterNot() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        s.filter((k, v) -> v.contains(" ")).filterNot((k, v) -> k.equals("c")).to("out");

        assertThat(run(b, INPUT)).containsExactly(KeyValue.pair("a", "apple pie"));
    }

    @Test
    void shouldMapSelectKeyAndMapValues() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        s.map((k, v) -> KeyValue.pair(v.substring(0, 1).toUpperCase(), k))
                .selectKey((k, v) -> k + v)
                .mapValues((k, v) -> k + ":" + v.length())
                .mapValues(v -> v.toUpperCase())
                .to("out");

        assertThat(run(b, INPUT))
                .containsExactly(KeyValue.pair("Aa", "AA:1"), KeyValue.pair("Bb", "BB:1"), KeyValue.pair("Cc", "CC:1"));
    }

    @Test
    void shouldFlatMapAndFlatMapValuesInOrder() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        s.flatMapValues(v -> Arrays.asList(v.split(" ")))
                .flatMap((k, v) -> List.of(KeyValue.pair(k, v), KeyValue.pair(v, k)))
                .to("out");

        assertThat(run(b, INPUT.subList(0, 2)))
                .containsExactly(
                        KeyValue.pair("a", "apple"),
                        KeyValue.pair("apple", "a"),
                        KeyValue.pair("a", "pie"),
                        KeyValue.pair("pie", "a"),
                        KeyValue.pair("b", "banana"),
                        KeyValue.pair("banana", "b"));
    }

    @Test
    void shouldPeekAndForeachSeeEveryRecord() {
        List<String> peeked = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        KStream<String, String> p = s.peek((k, v) -> peeked.add(k));
        p.foreach((k, v) -> seen.add(v));
        p.to("out");

        List<KeyValue<String, String>> out = run(b, INPUT);

        assertThat(peeked).containsExactly("a", "b", "c");
        assertThat(seen).containsExactly("apple pie", "banana", "cherry tart");
        assertThat(out).hasSize(3);
    }

    @Test
    void shouldSplitToTheFirstMatchingBranchAndTheDefault() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        Map<String, KStream<String, String>> branches = s.split(Named.as("route-"))
                .branch((k, v) -> v.startsWith("a"), Branched.as("a"))
                .branch((k, v) -> v.length() > 6, Branched.withConsumer(ks -> ks.mapValues(v -> "long " + v)
                        .to("out")))
                .defaultBranch();
        branches.get("route-a").mapValues(v -> "A " + v).to("out");
        branches.get("route-0").mapValues(v -> "other " + v).to("out");

        assertThat(branches).containsOnlyKeys("route-a", "route-0");
        assertThat(run(b, INPUT))
                .containsExactly(
                        KeyValue.pair("a", "A apple pie"),
                        KeyValue.pair("b", "other banana"),
                        KeyValue.pair("c", "long cherry tart"));
    }

    @Test
    void shouldMergeTwoStreams() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        KStream<String, String> other = b.stream("in2");
        s.merge(other).to("out");
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), CONFIG)) {
            driver.createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k1", "v1");
            driver.createInputTopic(
                            "in2", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k2", "v2");

            assertThat(driver.createOutputTopic(
                                    "out",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .readKeyValuesToList())
                    .containsExactly(KeyValue.pair("k1", "v1"), KeyValue.pair("k2", "v2"));
        }
    }

    @Test
    void shouldRouteWithTopicNameExtractorAndProducedSerdes() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in", Consumed.with(Serdes.String(), Serdes.String()));
        s.mapValues(v -> (long) v.length())
                .to((k, v, ctx) -> "len-" + ctx.topic(), Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(b.build(), CONFIG)) {
            driver.createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k", "four");

            assertThat(driver.createOutputTopic(
                                    "len-in",
                                    Serdes.String().deserializer(),
                                    Serdes.Long().deserializer())
                            .readValue())
                    .isEqualTo(4L);
        }
    }

    @Test
    void shouldRunProcessAndProcessValues() {
        StreamsBuilder b = new StreamsBuilder();
        KStream<String, String> s = b.stream("in");
        s.process(() -> new ContextualProcessor<String, String, String, String>() {
                    @Override
                    public void process(Record<String, String> record) {
                        context().forward(record.withKey(record.value()).withValue(record.key()));
                    }
                })
                .processValues(() -> new FixedKeyProcessor<String, String, String>() {
                    private FixedKeyProcessorContext<String, String> ctx;

                    @Override
                    public void init(FixedKeyProcessorContext<String, String> context) {
                        ctx = context;
                    }

                    @Override
                    public void process(FixedKeyRecord<String, String> record) {
                        ctx.forward(record.withValue(record.value() + "!"));
                    }
                })
                .to("out");

        assertThat(run(b, INPUT.subList(1, 2))).containsExactly(KeyValue.pair("banana", "b!"));
    }
}
