package io.runnel.runtime;

import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.ChangelogWriter;
import io.runnel.state.KeyValueStore;
import io.runnel.state.RecordCache;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.SessionStore;
import io.runnel.state.StateManager;
import io.runnel.state.StateStore;
import io.runnel.state.WindowStore;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TaskId;
import io.runnel.streams.processor.internal.InternalTopologyBuilder;
import io.runnel.streams.processor.internal.ProcessorTopology;
import io.runnel.streams.processor.internal.RawRecord;
import io.runnel.streams.processor.internal.RecordCollector;
import io.runnel.streams.processor.internal.StreamTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} in the calling thread with no broker, for unit tests: pipe records into input topics with
 * {@link TestInputTopic}, read what the topology wrote with {@link TestOutputTopic}, look into its stores, and move a
 * mock wall clock. Mirrors Kafka's {@code TopologyTestDriver}.
 *
 * <p>It runs the runtime's own {@link StreamTask}s: one task per sub-topology, on partition 0 of every topic. Each
 * piped record is processed to completion before {@code pipeInput} returns: records written to a topic that another
 * sub-topology reads (a repartition topic) are fed to that task at once; after each record the task punctuates by
 * stream time and commits, which flushes store caches. Deterministic: the wall clock moves only through {@link
 * #advanceWallClockTime} and starts at the given instant (the epoch by default).
 *
 * <p>What the topology writes is kept per topic, including internal topics (named {@code <application.id>-<name>})
 * and store changelogs ({@code <application.id>-<store>-changelog}), so tests can read those too.
 *
 * <p>Owns a state directory (a temporary one unless {@code state.dir} is set), the RocksDB memory budget and every
 * store; {@link #close()} releases them. Not thread-safe.
 */
public final class TopologyTestDriver implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TopologyTestDriver.class);

    private final StreamsConfig config;
    private final InternalTopologyBuilder builder;
    private final Path stateDir;
    private final boolean ownsStateDir;
    private final RocksDBMemory memory;
    private final RecordCache cache;
    private final List<StreamTask> tasks = new ArrayList<>();
    private final List<StateManager> stateManagers = new ArrayList<>();
    private final Map<String, StreamTask> taskByTopic = new HashMap<>();
    private final Map<String, ArrayDeque<RawRecord>> outputs = new HashMap<>();
    private final Map<String, Long> nextOffsets = new HashMap<>();
    private final RecordCollector collector = new Collector();
    private long wallClockMs;
    private boolean closed;

    /** A driver with the configuration parsed from Kafka-style properties. */
    public TopologyTestDriver(Topology topology, Properties properties) {
        this(topology, StreamsConfig.fromProperties(properties), Instant.EPOCH);
    }

    public TopologyTestDriver(Topology topology, StreamsConfig config) {
        this(topology, config, Instant.EPOCH);
    }

    /**
     * @throws io.runnel.streams.errors.TopologyException if the topology is invalid
     * @throws StreamsException if a processor fails to initialize or a serde is missing
     */
    public TopologyTestDriver(Topology topology, StreamsConfig config, Instant initialWallClockTime) {
        this.config = Objects.requireNonNull(config, "config cannot be null");
        this.builder =
                Objects.requireNonNull(topology, "topology cannot be null").internalTopologyBuilder();
        this.wallClockMs = initialWallClockTime.toEpochMilli();
        Map<Integer, Set<String>> groups = builder.subtopologies();
        Path dir = config.stateDir();
        this.ownsStateDir = dir == null;
        this.stateDir = dir != null ? dir : createTempDir();
        this.memory = RocksDBMemory.create(32L * 1024 * 1024, RocksDBMemory.DEFAULT_WRITE_BUFFER_RATIO);
        this.cache = new RecordCache(config.cacheMaxBytes());
        try {
            for (Map.Entry<Integer, Set<String>> group : groups.entrySet()) {
                createTask(group.getKey(), group.getValue());
            }
            for (StreamTask task : tasks) {
                task.initialize(wallClockMs);
            }
        } catch (RuntimeException e) {
            try {
                close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private void createTask(int subtopology, Set<String> nodes) {
        TaskId id = new TaskId(subtopology, 0);
        ProcessorTopology topology = ProcessorTopology.build(builder, subtopology, nodes, config);
        String appId = config.applicationId();
        ChangelogWriter changelog = (store, key, value, timestamp) ->
                append(appId + "-" + store + "-changelog", key.get(), value, new RecordHeaders(), timestamp);
        StateManager stateManager = StateManager.builder(id.toString(), stateDir.resolve(id.toString()), memory)
                .appConfigs(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, appId))
                .recordCache(cache)
                .changelogWriter(changelog)
                .build();
        stateManagers.add(stateManager);
        StreamTask task = new StreamTask(id, topology, config, stateManager, collector);
        tasks.add(task);
        for (String topic : task.inputTopics()) {
            taskByTopic.put(topic, task);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("runnel-test-driver-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a state directory for the test driver", e);
        }
    }

    /** An input topic whose records get the driver's current wall-clock time unless they carry one. */
    public <K, V> TestInputTopic<K, V> createInputTopic(
            String topic, Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return createInputTopic(
                topic, keySerializer, valueSerializer, Instant.ofEpochMilli(wallClockMs), Duration.ZERO);
    }

    /** An input topic whose untimed records start at {@code startTime} and advance by {@code autoAdvance} each. */
    public <K, V> TestInputTopic<K, V> createInputTopic(
            String topic,
            Serializer<K> keySerializer,
            Serializer<V> valueSerializer,
            Instant startTime,
            Duration autoAdvance) {
        checkOpen();
        Objects.requireNonNull(topic, "topic cannot be null");
        return new TestInputTopic<>(this, topic, keySerializer, valueSerializer, startTime, autoAdvance);
    }

    /** Reads a topic the topology writes (or an internal or changelog topic). */
    public <K, V> TestOutputTopic<K, V> createOutputTopic(
            String topic, Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        checkOpen();
        Objects.requireNonNull(topic, "topic cannot be null");
        return new TestOutputTopic<>(this, topic, keyDeserializer, valueDeserializer);
    }

    /**
     * Feeds one serialized record to the task reading {@code topic} and processes until every task is idle.
     *
     * @throws IllegalArgumentException if no sub-topology reads the topic
     */
    void pipeRaw(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers, long timestamp) {
        checkOpen();
        StreamTask task = taskByTopic.get(topic);
        if (task == null) {
            throw new IllegalArgumentException(
                    "Unknown topic: " + topic + "; the topology reads " + new TreeMap<>(taskByTopic).keySet());
        }
        task.addRecord(RawRecord.of(topic, 0, nextOffset(topic), timestamp, headers, key, value));
        completeAllProcessableWork();
    }

    private void completeAllProcessableWork() {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (StreamTask task : tasks) {
                while (task.process(wallClockMs)) {
                    task.maybePunctuateStreamTime();
                    task.commit();
                    progress = true;
                }
            }
        }
    }

    /** Moves the mock wall clock forward, fires due wall-clock punctuations, and processes what they produced. */
    public void advanceWallClockTime(Duration advance) {
        checkOpen();
        if (advance.isNegative()) {
            throw new IllegalArgumentException("advance must be >= 0: " + advance);
        }
        wallClockMs += advance.toMillis();
        for (StreamTask task : tasks) {
            if (task.maybePunctuateSystemTime(wallClockMs)) {
                task.commit();
            }
        }
        completeAllProcessableWork();
    }

    private long nextOffset(String topic) {
        long offset = nextOffsets.getOrDefault(topic, 0L);
        nextOffsets.put(topic, offset + 1);
        return offset;
    }

    private void append(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers, long ts) {
        RawRecord raw = RawRecord.of(topic, 0, nextOffset(topic), ts, headers, key, value);
        outputs.computeIfAbsent(topic, t -> new ArrayDeque<>()).add(raw);
        StreamTask reader = taskByTopic.get(topic);
        if (reader != null) {
            reader.addRecord(raw);
        }
    }

    @Nullable
    RawRecord readRaw(String topic) {
        ArrayDeque<RawRecord> q = outputs.get(topic);
        return q == null ? null : q.poll();
    }

    long queueSize(String topic) {
        ArrayDeque<RawRecord> q = outputs.get(topic);
        return q == null ? 0 : q.size();
    }

    /** Every store of the topology, by name. */
    public Map<String, StateStore> getAllStateStores() {
        Map<String, StateStore> all = new LinkedHashMap<>();
        for (String name : builder.stores().keySet()) {
            StateStore store = getStateStore(name);
            if (store != null) {
                all.put(name, store);
            }
        }
        return Collections.unmodifiableMap(all);
    }

    /** The store with that name, or null. */
    public @Nullable StateStore getStateStore(String name) {
        for (StreamTask task : tasks) {
            StateStore store = task.store(name);
            if (store != null) {
                return store;
            }
        }
        return null;
    }

    /**
     * The key-value store with that name, or null if there is none.
     *
     * @throws IllegalArgumentException if the store exists but is not a key-value store
     */
    @SuppressWarnings("unchecked")
    public <K, V> @Nullable KeyValueStore<K, V> getKeyValueStore(String name) {
        return (KeyValueStore<K, V>) typed(name, KeyValueStore.class);
    }

    /**
     * The window store with that name, or null if there is none.
     *
     * @throws IllegalArgumentException if the store exists but is not a window store
     */
    @SuppressWarnings("unchecked")
    public <K, V> @Nullable WindowStore<K, V> getWindowStore(String name) {
        return (WindowStore<K, V>) typed(name, WindowStore.class);
    }

    /**
     * The session store with that name, or null if there is none.
     *
     * @throws IllegalArgumentException if the store exists but is not a session store
     */
    @SuppressWarnings("unchecked")
    public <K, V> @Nullable SessionStore<K, V> getSessionStore(String name) {
        return (SessionStore<K, V>) typed(name, SessionStore.class);
    }

    private @Nullable Object typed(String name, Class<?> type) {
        StateStore store = getStateStore(name);
        if (store == null) {
            return null;
        }
        if (!type.isInstance(store)) {
            throw new IllegalArgumentException(
                    "Store " + name + " is a " + store.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return store;
    }

    /** Records the tasks skipped: undeserializable, negative timestamps, late for their window, null keys. */
    public long droppedRecords() {
        long total = 0;
        for (StreamTask task : tasks) {
            total += task.droppedRecords();
        }
        return total;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The test driver is closed");
        }
    }

    /** Closes the tasks, then the stores (through their state managers), then the memory budget and temp dir. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (StreamTask task : tasks) {
            failure = run(task::close, failure);
        }
        for (StateManager sm : stateManagers) {
            failure = run(sm::close, failure);
        }
        failure = run(memory::close, failure);
        if (ownsStateDir) {
            failure = run(() -> deleteRecursively(stateDir), failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static @Nullable RuntimeException run(Runnable action, @Nullable RuntimeException failure) {
        try {
            action.run();
            return failure;
        } catch (RuntimeException e) {
            if (failure == null) {
                return e;
            }
            failure.addSuppressed(e);
            return failure;
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Cannot delete the test driver's state directory {}", dir, e);
        }
    }

    private final class Collector implements RecordCollector {
        @Override
        public void send(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers, long ts) {
            append(topic, key, value, headers, ts);
        }

        @Override
        public void flush() {
            // records are appended to the in-memory topics as they are sent
        }
    }
}
