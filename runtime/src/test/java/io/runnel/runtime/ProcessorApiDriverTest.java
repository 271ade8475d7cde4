package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import io.runnel.common.serialization.Serdes;
import io.runnel.state.KeyValueStore;
import io.runnel.state.Stores;
import io.runnel.streams.KeyValue;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.errors.LogAndContinueExceptionHandler;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.PunctuationType;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessor;
import io.runnel.streams.processor.api.FixedKeyProcessorContext;
import io.runnel.streams.processor.api.FixedKeyRecord;
import io.runnel.streams.processor.api.Processor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProcessorApiDriverTest {
    private static final StreamsConfig CONFIG = StreamsConfig.builder("app").build();

    /** Sums values per key into store "sums" and forwards the running sum. */
    static final class Summer extends ContextualProcessor<String, Long, String, Long> {
        private KeyValueStore<String, Long> store;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            super.init(context);
            store = context.getStateStore("sums");
        }

        @Override
        public void process(Record<String, Long> record) {
            Long old = store.get(record.key());
            long sum = (old == null ? 0 : old) + record.value();
            store.put(record.key(), sum);
            context().forward(record.withValue(sum));
        }
    }

    private static Topology summing() {
        return new Topology()
                .addSource("src", Serdes.String().deserializer(), Serdes.Long().deserializer(), "in")
                .addProcessor("sum", Summer::new, "src")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.persistentKeyValueStore("sums"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "sum")
                .addSink(
                        "sink",
                        "out",
                        Serdes.String().serializer(),
                        Serdes.Long().serializer(),
                        "sum");
    }

    @Test
    void shouldProcessThroughStoreAndSinkWhenRecordsArePiped() {
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), CONFIG)) {
            TestInputTopic<String, Long> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.Long().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic(
                    "out", Serdes.String().deserializer(), Serdes.Long().deserializer());

            in.pipeInput("a", 1L, 10L);
            in.pipeInput("b", 5L, 11L);
            in.pipeInput("a", 2L, 12L);

            assertThat(out.readRecordsToList())
                    .containsExactly(
                            new TestRecord<>("a", 1L, new RecordHeaders(), 10L),
                            new TestRecord<>("b", 5L, new RecordHeaders(), 11L),
                            new TestRecord<>("a", 3L, new RecordHeaders(), 12L));
            KeyValueStore<String, Long> store = driver.getKeyValueStore("sums");
            assertThat(store.get("a")).isEqualTo(3L);
            assertThat(store.get("b")).isEqualTo(5L);
        }
    }

    @Test
    void shouldWriteStoreChangesToTheChangelogTopicNamedAfterApplicationAndStore() {
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), CONFIG)) {
            TestInputTopic<String, Long> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.Long().serializer());

            in.pipeInput("a", 4L, 7L);

            TestOutputTopic<String, Long> changelog = driver.createOutputTopic(
                    "app-sums-changelog",
                    Serdes.String().deserializer(),
                    Serdes.Long().deserializer());
            assertThat(changelog.readRecord()).isEqualTo(new TestRecord<>("a", 4L, new RecordHeaders(), 7L));
        }
    }

    @Test
    void shouldFailNamingProcessorAndStoreWhenStoreIsNotConnected() {
        Topology t = new Topology()
                .addSource("src", Serdes.String().deserializer(), Serdes.Long().deserializer(), "in")
                .addProcessor("sum", Summer::new, "src")
                .addProcessor(
                        "other",
                        () -> new Processor<String, Long, String, Long>() {
                            @Override
                            public void process(Record<String, Long> record) {}
                        },
                        "src")
                .addStateStore(
                        Stores.keyValueStoreBuilder(
                                Stores.inMemoryKeyValueStore("sums"),
                                io.runnel.common.serialization.Serdes.String(),
                                io.runnel.common.serialization.Serdes.Long()),
                        "other");

        assertThatThrownBy(() -> new TopologyTestDriver(t, CONFIG))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Processor sum has no access to StateStore sums");
    }

    @Test
    void shouldForwardToTheNamedChildOnly() {
        Topology t = new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor(
                        "route",
                        () -> new ContextualProcessor<String, String, String, String>() {
                            @Override
                            public void process(Record<String, String> record) {
                                context().forward(record, record.value().startsWith("x") ? "to-x" : "to-y");
                            }
                        },
                        "src")
                .addSink(
                        "to-x",
                        "x",
                        Serdes.String().serializer(),
                        Serdes.String().serializer(),
                        "route")
                .addSink(
                        "to-y",
                        "y",
                        Serdes.String().serializer(),
                        Serdes.String().serializer(),
                        "route");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, CONFIG)) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());

            in.pipeInput("k", "xa");
            in.pipeInput("k", "yb");

            assertThat(driver.createOutputTopic(
                                    "x",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .readValuesToList())
                    .containsExactly("xa");
            assertThat(driver.createOutputTopic(
                                    "y",
                                    Serdes.String().deserializer(),
                                    Serdes.String().deserializer())
                            .readValuesToList())
                    .containsExactly("yb");
        }
    }

    @Test
    void shouldRejectForwardToUnknownChild() {
        Topology t = new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor(
                        "route",
                        () -> new ContextualProcessor<String, String, String, String>() {
                            @Override
                            public void process(Record<String, String> record) {
                                context().forward(record, "nowhere");
                            }
                        },
                        "src");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, CONFIG)) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());

            assertThatThrownBy(() -> in.pipeInput("k", "v"))
                    .isInstanceOf(StreamsException.class)
                    .hasMessageContaining("Unknown downstream node: nowhere")
                    .hasMessageContaining("route");
        }
    }

    /** Emits "tick@time" on each punctuation of the given type every 10 ms. */
    private static Topology ticking(PunctuationType type) {
        return new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor(
                        "tick",
                        () -> new ContextualProcessor<String, String, String, String>() {
                            @Override
                            public void init(ProcessorContext<String, String> context) {
                                super.init(context);
                                context.schedule(
                                        Duration.ofMillis(10),
                                        type,
                                        ts -> context.forward(new Record<>(
                                                "tick",
                                                "tick@" + ts + ":"
                                                        + context.recordMetadata()
                                                                .isPresent(),
                                                ts)));
                            }

                            @Override
                            public void process(Record<String, String> record) {}
                        },
                        "src")
                .addSink(
                        "sink",
                        "out",
                        Serdes.String().serializer(),
                        Serdes.String().serializer(),
                        "tick");
    }

    @Test
    void shouldPunctuateOnStreamTimeAsRecordsAdvanceIt() {
        try (TopologyTestDriver driver = new TopologyTestDriver(ticking(PunctuationType.STREAM_TIME), CONFIG)) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic(
                    "out", Serdes.String().deserializer(), Serdes.String().deserializer());

            in.pipeInput("k", "v", 3L); // first punctuation as soon as there is data (aligned to 0)
            in.pipeInput("k", "v", 9L); // not yet 10
            in.pipeInput("k", "v", 5L); // out of order: stream time stays 9
            in.pipeInput("k", "v", 10L);
            in.pipeInput("k", "v", 45L); // a gap: one punctuation, not three
            in.pipeInput("k", "v", 49L);
            driver.advanceWallClockTime(Duration.ofHours(1)); // wall clock does not drive stream time

            assertThat(out.readValuesToList()).containsExactly("tick@3:false", "tick@10:false", "tick@45:false");
        }
    }

    @Test
    void shouldPunctuateOnWallClockOnlyWhenTheDriverAdvancesIt() {
        try (TopologyTestDriver driver =
                new TopologyTestDriver(ticking(PunctuationType.WALL_CLOCK_TIME), CONFIG, Instant.ofEpochMilli(100))) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            TestOutputTopic<String, String> out = driver.createOutputTopic(
                    "out", Serdes.String().deserializer(), Serdes.String().deserializer());

            in.pipeInput("k", "v", 1_000_000L);
            driver.advanceWallClockTime(Duration.ofMillis(9));
            driver.advanceWallClockTime(Duration.ofMillis(1));
            driver.advanceWallClockTime(Duration.ofMillis(35));

            assertThat(out.readValuesToList()).containsExactly("tick@110:false", "tick@145:false");
        }
    }

    @Test
    void shouldCancelPunctuation() {
        List<Long> seen = new ArrayList<>();
        Topology t = new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor(
                        "p",
                        () -> new ContextualProcessor<String, String, String, String>() {
                            @Override
                            public void init(ProcessorContext<String, String> context) {
                                super.init(context);
                                var handle = new io.runnel.streams.processor.Cancellable[1];
                                handle[0] =
                                        context.schedule(Duration.ofMillis(5), PunctuationType.WALL_CLOCK_TIME, ts -> {
                                            seen.add(ts);
                                            handle[0].cancel();
                                        });
                            }

                            @Override
                            public void process(Record<String, String> record) {}
                        },
                        "src");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, CONFIG)) {
            driver.advanceWallClockTime(Duration.ofMillis(5));
            driver.advanceWallClockTime(Duration.ofMillis(5));

            assertThat(seen).containsExactly(5L);
        }
    }

    @Test
    void shouldFailNamingTopicPartitionAndOffsetWhenValueCannotBeDeserialized() {
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), CONFIG)) {
            TestInputTopic<String, String> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.String().serializer());
            in.pipeInput("a", "12345678"); // 8 bytes: a valid long

            assertThatThrownBy(() -> in.pipeInput("a", "bad"))
                    .isInstanceOf(StreamsException.class)
                    .hasMessageContaining("topic in partition 0 offset 1")
                    .hasMessageContaining("source src");
        }
    }

    @Test
    void shouldSkipAndCountUndeserializableRecordsWithLogAndContinue() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(
                StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class.getName());
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), props)) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic(
                    "in", Serdes.String().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, Long> out = driver.createOutputTopic(
                    "out", Serdes.String().deserializer(), Serdes.Long().deserializer());

            in.pipeInput("a", new byte[] {1, 2, 3});
            in.pipeInput("a", Serdes.Long().serializer().serialize("in", 7L));

            assertThat(out.readValuesToList()).containsExactly(7L);
            assertThat(driver.droppedRecords()).isEqualTo(1);
        }
    }

    @Test
    void shouldUseCustomTimestampExtractorOfTheSource() {
        Topology t = new Topology()
                .addSource(
                        "src",
                        (record, partitionTime) -> Long.parseLong((String) record.value()),
                        Serdes.String().deserializer(),
                        Serdes.String().deserializer(),
                        "in")
                .addSink(
                        "sink",
                        "out",
                        Serdes.String().serializer(),
                        Serdes.String().serializer(),
                        "src");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, CONFIG)) {
            driver.createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput("k", "777", 1L);

            TestRecord<String, String> r = driver.createOutputTopic(
                            "out",
                            Serdes.String().deserializer(),
                            Serdes.String().deserializer())
                    .readRecord();

            assertThat(r.timestamp()).isEqualTo(777L);
        }
    }

    @Test
    void shouldFailOnNegativeTimestampWithDefaultExtractor() {
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), CONFIG)) {
            assertThatThrownBy(() -> driver.pipeRaw("in", null, new byte[8], new RecordHeaders(), -5L))
                    .isInstanceOf(StreamsException.class)
                    .hasMessageContaining("topic in partition 0 offset 0")
                    .hasMessageContaining("-5");
        }
    }

    @Test
    void shouldKeepKeyAndHeadersThroughFixedKeyProcessor() {
        Topology t = new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        t.internalTopologyBuilder()
                .addProcessor(
                        "upper",
                        io.runnel.streams.processor.internal.FixedKeyProcessorAdapter.supplier(
                                () -> new FixedKeyProcessor<String, String, String>() {
                                    private FixedKeyProcessorContext<String, String> ctx;

                                    @Override
                                    public void init(FixedKeyProcessorContext<String, String> context) {
                                        ctx = context;
                                    }

                                    @Override
                                    public void process(FixedKeyRecord<String, String> record) {
                                        ctx.forward(
                                                record.withValue(record.value().toUpperCase()));
                                    }
                                }),
                        List.of("src"));
        t.addSink("sink", "out", Serdes.String().serializer(), Serdes.String().serializer(), "upper");
        try (TopologyTestDriver driver = new TopologyTestDriver(t, CONFIG)) {
            Headers headers = new RecordHeaders().add("h", "1".getBytes(StandardCharsets.UTF_8));
            driver.createInputTopic(
                            "in", Serdes.String().serializer(), Serdes.String().serializer())
                    .pipeInput(new TestRecord<>("k", "abc", headers, 4L));

            TestRecord<String, String> r = driver.createOutputTopic(
                            "out",
                            Serdes.String().deserializer(),
                            Serdes.String().deserializer())
                    .readRecord();

            assertThat(KeyValue.pair(r.key(), r.value())).isEqualTo(KeyValue.pair("k", "ABC"));
            assertThat(r.headers().lastHeader("h")).isNotNull();
        }
    }

    @Test
    void shouldRejectPipingIntoUnknownTopic() {
        try (TopologyTestDriver driver = new TopologyTestDriver(summing(), CONFIG)) {
            TestInputTopic<String, Long> in = driver.createInputTopic(
                    "nope", Serdes.String().serializer(), Serdes.Long().serializer());

            assertThatThrownBy(() -> in.pipeInput("a", 1L))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Unknown topic: nope")
                    .hasMessageContaining("[in]");
        }
    }
}
