package io.runnel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.producer.ProducerRecord;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.NetworkException;
import io.runnel.common.serialization.Serdes;
import io.runnel.state.KeyValueStore;
import io.runnel.state.QueryableStoreTypes;
import io.runnel.state.ReadOnlyKeyValueStore;
import io.runnel.state.RecordCache;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateStore;
import io.runnel.streams.StreamsBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.processor.PunctuationType;
import io.runnel.streams.processor.StateRestoreListener;
import io.runnel.streams.processor.TaskId;
import io.runnel.streams.processor.api.ContextualProcessor;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The stream thread's loop stepped with runOnce() over an in-memory consumer and producer and a manual clock. */
@NullUnmarked // JUnit injects the @TempDir field
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamThreadTest {
    private static final TopicPartition IN_0 = new TopicPartition("in", 0);
    private static final long COMMIT_MS = 100;

    @TempDir
    Path dir;

    private final ManualTime time = new ManualTime();
    private final MockConsumer consumer = new MockConsumer();
    private final MockConsumer restoreConsumer = new MockConsumer();
    private final MockProducer producer = new MockProducer();
    private final FakeCommitter committer = new FakeCommitter();
    private final List<AutoCloseable> toClose = new ArrayList<>();

    static final class FakeCommitter implements OffsetCommitter {
        final Map<TopicPartition, Long> committed = new HashMap<>();
        int commits;

        @Override
        public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
            Map<TopicPartition, Long> out = new HashMap<>(committed);
            out.keySet().retainAll(partitions);
            return out;
        }

        @Override
        public void commit(Map<TopicPartition, Long> offsets) {
            commits++;
            committed.putAll(offsets);
        }
    }

    private static final StateRestoreListener NO_LISTENER = new StateRestoreListener() {
        @Override
        public void onRestoreStart(
                TopicPartition partition, String storeName, long startingOffset, long endingOffset) {}

        @Override
        public void onBatchRestored(
                TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {}

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {}
    };

    private static final StreamThread.Listener NO_THREAD_LISTENER = new StreamThread.Listener() {
        @Override
        public void onStateChange(StreamThread thread, StreamThread.State newState, StreamThread.State oldState) {}

        @Override
        public void onDeath(StreamThread thread, @Nullable Throwable failure) {}
    };

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private static StreamsConfig config() {
        return StreamsConfig.builder("app")
                .defaultKeySerde(Serdes.String())
                .defaultValueSerde(Serdes.String())
                .build();
    }

    private StreamThread thread(Topology topology, Path stateDir, MockConsumer restore, boolean group) {
        StreamsConfig config = config();
        StateDirectory stateDirectory = new StateDirectory(stateDir, config.applicationId());
        RocksDBMemory memory = RocksDBMemory.create(8L * 1024 * 1024, 0.5);
        toClose.add(memory);
        toClose.add(stateDirectory);
        TaskManager.Context context = new TaskManager.Context(
                "app-StreamThread-1",
                config,
                new TopologyMetadata(topology.internalTopologyBuilder(), config),
                stateDirectory,
                memory,
                new RecordCache(1024 * 1024),
                producer,
                restore,
                committer,
                NO_LISTENER,
                time);
        return new StreamThread(
                context, consumer, Duration.ZERO, COMMIT_MS, NO_THREAD_LISTENER, group ? Set.of("in") : null);
    }

    private StreamThread thread(Topology topology, Path stateDir, MockConsumer restore) {
        return thread(topology, stateDir, restore, false);
    }

    private static Topology upperCase() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v.toUpperCase(java.util.Locale.ROOT))
                .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return b.build();
    }

    private static Topology counting() {
        StreamsBuilder b = new StreamsBuilder();
        b.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
                .groupByKey()
                .count(Materialized.as("counts"))
                .toStream()
                .to("out", Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> values(List<ProducerRecord<byte[], byte[]>> records, String topic) {
        return records.stream()
                .filter(r -> r.topic().equals(topic))
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void shouldProcessPolledRecordsWhenTaskIsAssigned() {
        StreamThread thread = thread(upperCase(), dir, restoreConsumer);
        thread.assignTasks(Set.of(new TaskId(0, 0)));
        consumer.append(IN_0, bytes("k"), bytes("hello"), 1);
        consumer.append(IN_0, bytes("k"), bytes("world"), 2);

        thread.runOnce();

        assertThat(consumer.assignment()).containsExactly(IN_0);
        assertThat(values(producer.sent, "out")).containsExactly("HELLO", "WORLD");
        assertThat(committer.commits).isZero();
    }

    @Test
    void shouldFlushThenCommitOffsetsWhenCommitIntervalPassed() {
        StreamThread thread = thread(upperCase(), dir, restoreConsumer);
        thread.assignTasks(Set.of(new TaskId(0, 0)));
        consumer.append(IN_0, bytes("k"), bytes("a"), 1);
        consumer.append(IN_0, bytes("k"), bytes("b"), 2);
        thread.runOnce();

        time.advance(COMMIT_MS);
        thread.runOnce();

        assertThat(producer.flushes).isPositive();
        assertThat(committer.committed).containsEntry(IN_0, 2L);
    }

    @Test
    void shouldCommitAndCloseTasksWhenTheGroupRevokesTheirPartitions() {
        StreamThread thread = thread(upperCase(), dir, restoreConsumer, true);
        thread.runOnce();
        consumer.rebalance(Set.of(IN_0));
        consumer.append(IN_0, bytes("k"), bytes("a"), 1);
        thread.runOnce();

        consumer.rebalance(Set.of());

        assertThat(committer.committed).containsEntry(IN_0, 1L);
        assertThat(values(producer.sent, "out")).containsExactly("A");
    }

    @Test
    void shouldCloseTasksWithoutCommittingWhenTheGroupLosesTheirPartitions() {
        StreamThread thread = thread(upperCase(), dir, restoreConsumer, true);
        thread.runOnce();
        consumer.rebalance(Set.of(IN_0));
        consumer.append(IN_0, bytes("k"), bytes("a"), 1);
        thread.runOnce();

        consumer.losePartitions();

        assertThat(committer.commits).isZero();
        consumer.rebalance(Set.of(IN_0));
        thread.runOnce();
        assertThat(values(producer.sent, "out")).containsExactly("A", "A");
    }

    @Test
    void shouldStartAtCommittedOffsetWhenTaskIsCreated() {
        committer.committed.put(IN_0, 1L);
        StreamThread thread = thread(upperCase(), dir, restoreConsumer);
        thread.assignTasks(Set.of(new TaskId(0, 0)));
        consumer.append(IN_0, bytes("k"), bytes("done"), 1);
        consumer.append(IN_0, bytes("k"), bytes("next"), 2);

        thread.runOnce();

        assertThat(values(producer.sent, "out")).containsExactly("NEXT");
    }

    @Test
    void shouldFailNamingTaskAndTopicWhenSendFails() {
        StreamThread thread = thread(upperCase(), dir, restoreConsumer);
        thread.assignTasks(Set.of(new TaskId(0, 0)));
        consumer.append(IN_0, bytes("k"), bytes("a"), 1);
        thread.runOnce();
        producer.failNext(new NetworkException("broker gone"));
        time.advance(COMMIT_MS);

        assertThatThrownBy(thread::runOnce)
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Task 0_0")
                .hasMessageContaining("topic out")
                .hasMessageContaining("broker gone");
        assertThat(committer.commits).isZero();
    }

    @Test
    void shouldPunctuateWhenWallClockAdvances() {
        Topology topology = new Topology()
                .addSource(
                        "src", Serdes.String().deserializer(), Serdes.String().deserializer(), "in")
                .addProcessor(
                        "ticker",
                        () -> new ContextualProcessor<String, String, String, String>() {
                            @Override
                            public void init(ProcessorContext<String, String> context) {
                                super.init(context);
                                context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, t -> context()
                                        .forward(new Record<>("tick", "at-" + t, t)));
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
                        "ticker");
        StreamThread thread = thread(topology, dir, restoreConsumer);
        thread.assignTasks(Set.of(new TaskId(0, 0)));
        thread.runOnce();
        assertThat(producer.sent).isEmpty();

        time.advance(1000);
        thread.runOnce();

        assertThat(values(producer.sent, "out")).containsExactly("at-" + time.milliseconds());
    }

    @Test
    void shouldRestoreStoreFromChangelogWhenLocalStateIsGone() throws Exception {
        StreamThread first = thread(counting(), dir.resolve("first"), restoreConsumer);
        first.assignTasks(Set.of(new TaskId(0, 0)));
        consumer.append(IN_0, bytes("a"), bytes("x"), 1);
        consumer.append(IN_0, bytes("a"), bytes("y"), 2);
        consumer.append(IN_0, bytes("b"), bytes("z"), 3);
        first.runOnce();
        time.advance(COMMIT_MS);
        first.runOnce();
        MockConsumer changelog = new MockConsumer();
        TopicPartition changelogTp = new TopicPartition("app-counts-changelog", 0);
        for (ProducerRecord<byte[], byte[]> r : producer.sent) {
            if (r.topic().equals(changelogTp.topic())) {
                changelog.append(changelogTp, r.key(), r.value(), 3);
            }
        }

        StreamThread second = thread(counting(), dir.resolve("second"), changelog);
        second.assignTasks(Set.of(new TaskId(0, 0)));
        second.runOnce();

        List<StateStore> stores = second.stores("counts", null);
        ReadOnlyKeyValueStore<String, Long> view =
                QueryableStoreTypes.<String, Long>keyValueStore().create(stores);
        assertThat(view.get("a")).isEqualTo(2L);
        assertThat(view.get("b")).isEqualTo(1L);
        assertThat(stores.get(0)).isInstanceOf(KeyValueStore.class);
    }
}
