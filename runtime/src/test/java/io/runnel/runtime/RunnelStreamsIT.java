package io.runnel.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.runnel.client.admin.Admin;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.TopicPartition;
import io.runnel.common.serialization.Serdes;
import io.runnel.state.QueryableStoreTypes;
import io.runnel.state.ReadOnlyKeyValueStore;
import io.runnel.streams.StoreQueryParameters;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.errors.LogAndContinueExceptionHandler;
import io.runnel.streams.errors.MissingSourceTopicException;
import io.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.processor.StateRestoreListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** RunnelStreams on a real broker in this JVM: word count with two threads, restarts, restore, bad records. */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RunnelStreamsIT {
    private static final List<String> WORDS =
            List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa");

    @TempDir
    static Path dir;

    static EmbeddedBroker broker;
    static Admin admin;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(dir.resolve("broker"), Map.of());
        admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()));
    }

    @AfterAll
    static void stopBroker() {
        admin.close();
        broker.close();
    }

    private static void createTopic(String name, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                .all()
                .get(30, TimeUnit.SECONDS);
    }

    private static Topology wordCount(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.String()))
                .flatMapValues(v -> Arrays.asList(v.toLowerCase(Locale.ROOT).split("\\W+")))
                .filter((k, w) -> !w.isEmpty())
                .groupBy((k, w) -> w, Grouped.with(Serdes.String(), Serdes.String()))
                .count(Materialized.as("counts-store"))
                .toStream()
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    private static Properties props(String appId, Path stateDir) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put("consumer.fetch.max.wait.ms", "50");
        return p;
    }

    /** Produces lines and adds their words to {@code expected}. */
    private static void produceLines(String topic, int lines, long seed, Map<String, Long> expected) {
        Random random = new Random(seed);
        try (RunnelProducer<String, String> producer = new RunnelProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                Serdes.String().serializer(),
                Serdes.String().serializer())) {
            for (int i = 0; i < lines; i++) {
                List<String> words = new ArrayList<>();
                for (int w = 0; w < 1 + random.nextInt(6); w++) {
                    String word = WORDS.get(random.nextInt(WORDS.size()));
                    words.add(random.nextBoolean() ? word.toUpperCase(Locale.ROOT) : word);
                    expected.merge(word, 1L, Long::sum);
                }
                producer.send(new ProducerRecord<>(topic, "line-" + seed + "-" + i, String.join(" ", words)));
            }
            producer.flush();
        }
    }

    /** Reads the output topic from the start, keeping the latest count per word, until it equals {@code expected}. */
    private static void awaitOutput(String topic, int partitions, Map<String, Long> expected) {
        Map<String, Long> latest = new HashMap<>();
        try (RunnelConsumer<String, Long> consumer = new RunnelConsumer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers(), "auto.offset.reset", "earliest"),
                Serdes.String().deserializer(),
                Serdes.Long().deserializer())) {
            List<TopicPartition> tps = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                tps.add(new TopicPartition(topic, p));
            }
            consumer.assign(tps);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        for (ConsumerRecord<String, Long> r : consumer.poll(Duration.ofMillis(200))) {
                            latest.put(r.key(), r.value());
                        }
                        return latest.equals(expected);
                    });
        }
    }

    private static void awaitState(RunnelStreams streams, RunnelStreams.State state) {
        await().atMost(Duration.ofSeconds(120)).until(() -> streams.state() == state);
    }

    private static final class CountingRestoreListener implements StateRestoreListener {
        final AtomicLong restored = new AtomicLong();
        final Map<String, Long> ended = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(
                TopicPartition partition, String storeName, long startingOffset, long endingOffset) {}

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
            restored.addAndGet(numRestored);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            ended.merge(partition.toString(), totalRestored, Long::sum);
        }
    }

    @Test
    void shouldCountWordsRestartAndRestoreWhenRunOnTheLog() throws Exception {
        createTopic("lines", 3);
        createTopic("word-counts", 3);
        Path stateDir = dir.resolve("wordcount-state");
        Map<String, Long> expected = new HashMap<>();
        produceLines("lines", 400, 1, expected);

        try (RunnelStreams streams = new RunnelStreams(wordCount("lines", "word-counts"), props("wc", stateDir))) {
            streams.start();
            awaitOutput("word-counts", 3, expected);
            awaitState(streams, RunnelStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType("counts-store", QueryableStoreTypes.keyValueStore()));
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(store.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }

        CountingRestoreListener cleanRestart = new CountingRestoreListener();
        try (RunnelStreams streams = new RunnelStreams(wordCount("lines", "word-counts"), props("wc", stateDir))) {
            streams.setGlobalStateRestoreListener(cleanRestart);
            streams.start();
            awaitState(streams, RunnelStreams.State.RUNNING);
            produceLines("lines", 100, 2, expected);
            awaitOutput("word-counts", 3, expected);
        }
        assertThat(cleanRestart.ended).as("every changelog partition restored").hasSize(3);
        assertThat(cleanRestart.restored.get())
                .as("records restored after a clean shutdown")
                .isZero();

        CountingRestoreListener fromScratch = new CountingRestoreListener();
        try (RunnelStreams streams = new RunnelStreams(wordCount("lines", "word-counts"), props("wc", stateDir))) {
            streams.cleanUp();
            streams.setGlobalStateRestoreListener(fromScratch);
            streams.start();
            awaitState(streams, RunnelStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Long> store = streams.store(
                    StoreQueryParameters.fromNameAndType("counts-store", QueryableStoreTypes.keyValueStore()));
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(store.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(fromScratch.restored.get())
                .as("records restored after the state dir was deleted")
                .isPositive();
    }

    @Test
    void shouldShareTasksAndTakeThemOverWhenTwoInstancesRunOneApplication() throws Exception {
        createTopic("shared-lines", 4);
        createTopic("shared-counts", 4);
        Map<String, Long> expected = new HashMap<>();
        produceLines("shared-lines", 300, 11, expected);
        Properties first = props("shared", dir.resolve("shared-1"));
        first.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        Properties second = props("shared", dir.resolve("shared-2"));
        second.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        CountingRestoreListener firstTasks = new CountingRestoreListener();
        CountingRestoreListener secondTasks = new CountingRestoreListener();

        try (RunnelStreams a = new RunnelStreams(wordCount("shared-lines", "shared-counts"), first)) {
            a.setGlobalStateRestoreListener(firstTasks);
            a.start();
            try (RunnelStreams b = new RunnelStreams(wordCount("shared-lines", "shared-counts"), second)) {
                b.setGlobalStateRestoreListener(secondTasks);
                b.start();
                await().atMost(Duration.ofSeconds(120)).until(() -> !secondTasks.ended.isEmpty());
                awaitOutput("shared-counts", 4, expected);
                produceLines("shared-lines", 200, 12, expected);
                awaitOutput("shared-counts", 4, expected);
            }
            assertThat(secondTasks.ended)
                    .as("the second instance ran some counting tasks")
                    .isNotEmpty();

            produceLines("shared-lines", 200, 13, expected);
            awaitOutput("shared-counts", 4, expected);
            await().atMost(Duration.ofSeconds(120)).until(() -> a.state() == RunnelStreams.State.RUNNING);
            ReadOnlyKeyValueStore<String, Long> store =
                    a.store(StoreQueryParameters.fromNameAndType("counts-store", QueryableStoreTypes.keyValueStore()));
            for (Map.Entry<String, Long> e : expected.entrySet()) {
                assertThat(store.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
        assertThat(firstTasks.ended)
                .as("the first instance took over every counting task")
                .hasSize(4);
    }

    @Test
    void shouldFailClearlyWhenSourceTopicIsMissing() {
        RunnelStreams streams =
                new RunnelStreams(wordCount("no-such-lines", "out"), props("missing", dir.resolve("m")));

        assertThatThrownBy(streams::start)
                .isInstanceOf(MissingSourceTopicException.class)
                .hasMessageContaining("no-such-lines");
        assertThat(streams.state()).isEqualTo(RunnelStreams.State.ERROR);
        streams.close();
    }

    @Test
    void shouldRefuseSecondInstanceWhenStateDirIsInUse() {
        Path stateDir = dir.resolve("shared");
        try (RunnelStreams first = new RunnelStreams(wordCount("lines", "word-counts"), props("twice", stateDir))) {
            assertThatThrownBy(() -> new RunnelStreams(wordCount("lines", "word-counts"), props("twice", stateDir)))
                    .hasMessageContaining("in use by another RunnelStreams instance");
            assertThat(first.state()).isEqualTo(RunnelStreams.State.CREATED);
        }
    }

    private static Topology doubling(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.Long()))
                .mapValues(v -> v * 2)
                .to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    private static void produceNumbersAroundGarbage(String topic) {
        try (RunnelProducer<String, byte[]> producer = new RunnelProducer<>(
                Map.of("bootstrap.servers", broker.bootstrapServers()),
                Serdes.String().serializer(),
                Serdes.ByteArray().serializer())) {
            producer.send(new ProducerRecord<>(
                    topic, 0, "a", Serdes.Long().serializer().serialize(topic, 1L)));
            producer.send(new ProducerRecord<>(topic, 0, "bad", new byte[] {1, 2, 3}));
            producer.send(new ProducerRecord<>(
                    topic, 0, "b", Serdes.Long().serializer().serialize(topic, 2L)));
            producer.flush();
        }
    }

    @Test
    void shouldFailThreadWithClearErrorWhenRecordDoesNotDeserialize() throws Exception {
        createTopic("numbers-fail", 1);
        createTopic("doubled-fail", 1);
        produceNumbersAroundGarbage("numbers-fail");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Properties p = props("deser-fail", dir.resolve("deser-fail"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);

        try (RunnelStreams streams = new RunnelStreams(doubling("numbers-fail", "doubled-fail"), p)) {
            streams.setUncaughtExceptionHandler(e -> {
                failure.set(e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            awaitState(streams, RunnelStreams.State.ERROR);
        }

        assertThat(failure.get())
                .hasMessageContaining("Deserialization failed")
                .hasMessageContaining("numbers-fail")
                .hasMessageContaining("offset 1");
    }

    @Test
    void shouldSkipBadRecordWhenHandlerContinues() throws Exception {
        createTopic("numbers-skip", 1);
        createTopic("doubled-skip", 1);
        produceNumbersAroundGarbage("numbers-skip");
        Properties p = props("deser-skip", dir.resolve("deser-skip"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(
                StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                LogAndContinueExceptionHandler.class);

        try (RunnelStreams streams = new RunnelStreams(doubling("numbers-skip", "doubled-skip"), p)) {
            streams.start();
            awaitOutput("doubled-skip", 1, Map.of("a", 2L, "b", 4L));
            assertThat(streams.state()).isIn(RunnelStreams.State.RUNNING, RunnelStreams.State.REBALANCING);
        }
    }
}
