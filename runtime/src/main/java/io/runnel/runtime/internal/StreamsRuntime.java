package io.runnel.runtime.internal;

import io.runnel.client.admin.Admin;
import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.client.producer.Producer;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.Time;
import io.runnel.common.serialization.ByteArrayDeserializer;
import io.runnel.common.serialization.ByteArraySerializer;
import io.runnel.state.RecordCache;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateStore;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.processor.StateRestoreListener;
import io.runnel.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running part of one application instance: prepares the internal topics, creates the tasks' stream threads
 * with their clients (whose consumers share the tasks through the group {@code application.id}), replaces a dead
 * thread on request,
 * and stops them. Threads are named {@code <client.id>-StreamThread-<n>}.
 *
 * <p>Owns the admin client, the RocksDB memory budget and the threads (each thread owns its clients). Thread-safe:
 * the instance's application threads and dying stream threads call it; mutations are synchronized.
 */
public final class StreamsRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamsRuntime.class);
    private static final Duration COMMIT_TIMEOUT = Duration.ofSeconds(60);

    /** What the runtime is built from. */
    public record Setup(
            TopologyMetadata topology,
            StreamsConfig config,
            String bootstrapServers,
            StateDirectory stateDirectory,
            StateRestoreListener restoreListener,
            StreamThread.Listener threadListener,
            Time time) {}

    private final Setup setup;
    private final String clientId;
    private final Admin admin;
    private final RocksDBMemory rocksDBMemory;
    private final List<StreamThread> threads = new ArrayList<>();
    private final Map<StreamThread, Thread> javaThreads = new HashMap<>();
    private boolean closed;
    private int threadCounter;

    public StreamsRuntime(Setup setup) {
        this.setup = setup;
        StreamsConfig.Execution exec = setup.config().execution();
        this.clientId =
                exec.clientId() != null ? exec.clientId() : setup.config().applicationId();
        Map<String, Object> adminConfig = base(clientId + "-admin");
        adminConfig.putAll(exec.clientConfigs(StreamsConfig.ADMIN_CLIENT_PREFIX, null));
        this.admin = Admin.create(adminConfig);
        this.rocksDBMemory = RocksDBMemory.withDefaults();
    }

    private Map<String, Object> base(String id) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", setup.bootstrapServers());
        config.put("client.id", id);
        return config;
    }

    /**
     * Prepares the topics and starts the threads.
     *
     * @throws io.runnel.streams.errors.MissingSourceTopicException if a source topic does not exist
     * @throws io.runnel.streams.errors.StreamsException if the topics are not fit, or the cluster is unreachable
     */
    public synchronized void start() {
        Map<Integer, Integer> partitions =
                new InternalTopicManager(admin, setup.config(), Duration.ofSeconds(60)).prepare(setup.topology());
        Set<TaskId> tasks = new TreeSet<>();
        partitions.forEach((sub, count) -> {
            for (int p = 0; p < count; p++) {
                tasks.add(new TaskId(sub, p));
            }
        });
        int n = setup.config().execution().numStreamThreads();
        log.info("[{}] Starting {} stream thread(s) for the application's tasks {}", clientId, n, tasks);
        for (int i = 0; i < n; i++) {
            startThread();
        }
    }

    /** The source topics of each sub-topology, for the group's {@link StreamsPartitionAssignor}. */
    private Map<Integer, Set<String>> topicGroups() {
        Map<Integer, Set<String>> groups = new HashMap<>();
        setup.topology().subtopologies().forEach((id, sub) -> groups.put(id, Set.copyOf(sub.sourceTopics())));
        return groups;
    }

    private Set<String> groupTopics() {
        Set<String> topics = new TreeSet<>();
        setup.topology().subtopologies().values().forEach(sub -> topics.addAll(sub.sourceTopics()));
        return topics;
    }

    private StreamThread startThread() {
        int index = ++threadCounter;
        String name = clientId + "-StreamThread-" + index;
        StreamsConfig config = setup.config();
        StreamsConfig.Execution exec = config.execution();
        Map<String, Object> producerConfig = base(name + "-producer");
        producerConfig.put("linger.ms", "100");
        producerConfig.putAll(exec.clientConfigs(StreamsConfig.PRODUCER_PREFIX, null));
        Map<String, Object> consumerConfig = base(name + "-consumer");
        consumerConfig.put("auto.offset.reset", "earliest");
        consumerConfig.put("max.poll.records", "1000");
        consumerConfig.put("group.id", config.applicationId());
        consumerConfig.put("enable.auto.commit", "false");
        consumerConfig.put("partition.assignment.strategy", StreamsPartitionAssignor.class.getName());
        consumerConfig.put(StreamsPartitionAssignor.TOPIC_GROUPS_CONFIG, topicGroups());
        consumerConfig.putAll(exec.clientConfigs(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.MAIN_CONSUMER_PREFIX));
        Map<String, Object> restoreConfig = base(name + "-restore-consumer");
        restoreConfig.put("auto.offset.reset", "earliest");
        restoreConfig.putAll(exec.clientConfigs(StreamsConfig.CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX));
        int threadCount = exec.numStreamThreads();
        Producer<byte[], byte[]> producer =
                new RunnelProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
        Consumer<byte[], byte[]> consumer = null;
        Consumer<byte[], byte[]> restoreConsumer = null;
        try {
            consumer = new RunnelConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            restoreConsumer =
                    new RunnelConsumer<>(restoreConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            if (consumer != null) {
                consumer.close(Duration.ZERO);
            }
            throw e;
        }
        TaskManager.Context context = new TaskManager.Context(
                name,
                config,
                setup.topology(),
                setup.stateDirectory(),
                rocksDBMemory,
                new RecordCache(config.cacheMaxBytes() / threadCount),
                producer,
                restoreConsumer,
                new ConsumerOffsetCommitter(consumer, COMMIT_TIMEOUT),
                setup.restoreListener(),
                setup.time());
        StreamThread thread = new StreamThread(
                context,
                consumer,
                exec.pollTimeout(),
                exec.commitInterval().toMillis(),
                setup.threadListener(),
                groupTopics());
        Thread javaThread = new Thread(thread, name);
        threads.add(thread);
        javaThreads.put(thread, javaThread);
        javaThread.start();
        return thread;
    }

    /**
     * Starts a new thread in place of {@code dead}, which has released its tasks; the new thread joins the group and
     * gets its tasks there.
     *
     * @return the new thread, or null if the runtime is stopping or does not know {@code dead}
     */
    public synchronized @Nullable StreamThread replaceThread(StreamThread dead) {
        boolean known = threads.remove(dead);
        javaThreads.remove(dead);
        if (!known || closed) {
            return null;
        }
        log.info("[{}] Replacing stream thread {}", clientId, dead.name());
        return startThread();
    }

    /** The stream threads, dead ones included until replaced. */
    public synchronized List<StreamThread> threads() {
        return List.copyOf(threads);
    }

    /** Asks every thread to stop. */
    public synchronized void shutdownThreads() {
        for (StreamThread thread : threads) {
            thread.shutdown();
        }
    }

    /**
     * Waits for every thread to end.
     *
     * @return whether they all ended within the timeout
     */
    public boolean awaitThreads(Duration timeout) {
        long now = setup.time().nanoseconds();
        long deadline = saturatedAdd(now, saturatedNanos(timeout));
        List<Thread> toJoin;
        synchronized (this) {
            toJoin = new ArrayList<>(javaThreads.values());
        }
        for (Thread t : toJoin) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - setup.time().nanoseconds();
            try {
                if (left <= 0 || !joinNanos(t, left)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private static boolean joinNanos(Thread t, long nanos) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedJoin(t, nanos);
        return !t.isAlive();
    }

    /** The local instances of a store across all threads. */
    public List<StateStore> stores(String storeName, @Nullable Integer partition) {
        List<StateStore> out = new ArrayList<>();
        for (StreamThread thread : threads()) {
            out.addAll(thread.stores(storeName, partition));
        }
        return out;
    }

    /**
     * Closes the admin client and, if {@code threadsEnded}, the RocksDB budget (stores of threads still running keep
     * using it). Idempotent.
     */
    public synchronized void close(boolean threadsEnded) {
        closed = true;
        admin.close(Duration.ofSeconds(5));
        if (threadsEnded) {
            rocksDBMemory.close();
        }
    }

    @Override
    public void close() {
        close(true);
    }
}
