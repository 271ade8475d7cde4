package io.runnel.runtime.internal;

import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.producer.Producer;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RetriableException;
import io.runnel.runtime.internal.TopologyMetadata.Subtopology;
import io.runnel.state.RecordCache;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateManager;
import io.runnel.state.StateStore;
import io.runnel.state.StoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.processor.StateRestoreListener;
import io.runnel.streams.processor.TaskId;
import io.runnel.streams.processor.internal.ProcessorTopology;
import io.runnel.streams.processor.internal.RawRecord;
import io.runnel.streams.processor.internal.StreamTask;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks of one stream thread: creates them (state directory lock, stores, restoration from the changelogs,
 * processors), feeds them polled records, runs them, commits them and closes them.
 *
 * <p>Commit, for every task: flush the stores (caches forward their records downstream) and the producer, so that
 * every sink and changelog record is acknowledged; write the checkpoint file with the acknowledged changelog offsets;
 * then commit the input offsets of all tasks through the {@link OffsetCommitter}. A crash at any point leaves
 * committed offsets no further than what the stores and output hold: at least once.
 *
 * <p>Owned by its stream thread; not thread-safe, except {@link #stores} which interactive queries call.
 */
final class TaskManager {
    private static final Logger log = LoggerFactory.getLogger(TaskManager.class);
    private static final int RESTORE_BATCH = 1000;

    /** One running task and what it owns. */
    private record Running(StreamTask task, StateManager stateManager, TaskRecordCollector collector) {}

    /** What a task manager works with; the thread owns the clients, the instance the rest. */
    record Context(
            String threadName,
            StreamsConfig config,
            TopologyMetadata topology,
            StateDirectory stateDirectory,
            RocksDBMemory rocksDBMemory,
            RecordCache cache,
            Producer<byte[], byte[]> producer,
            Consumer<byte[], byte[]> restoreConsumer,
            OffsetCommitter committer,
            StateRestoreListener restoreListener,
            Time time) {}

    private final Context ctx;
    private final Map<TaskId, Running> tasks = new TreeMap<>();
    private final Map<TopicPartition, TaskId> taskByPartition = new HashMap<>();
    private final Map<TopicPartition, Long> lastCommitted = new HashMap<>();
    private volatile Map<TaskId, StateManager> queryable = Map.of();

    TaskManager(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * Closes (cleanly) the tasks not in {@code assigned} and creates the new ones.
     *
     * @return the input partitions of the tasks now owned, with their committed offsets where there are some
     */
    Map<TopicPartition, @Nullable Long> handleAssignment(Set<TaskId> assigned) {
        for (TaskId id : new ArrayList<>(tasks.keySet())) {
            if (!assigned.contains(id)) {
                commit(Set.of(id));
                close(id, true);
            }
        }
        for (TaskId id : assigned) {
            if (!tasks.containsKey(id)) {
                create(id);
            }
        }
        publishStores();
        Map<TopicPartition, Long> committed = ctx.committer().committed(taskByPartition.keySet());
        Map<TopicPartition, @Nullable Long> positions = new HashMap<>();
        for (TopicPartition tp : taskByPartition.keySet()) {
            positions.put(tp, committed.get(tp));
            Long offset = committed.get(tp);
            if (offset != null) {
                lastCommitted.put(tp, offset);
            }
        }
        return positions;
    }

    private void create(TaskId id) {
        Subtopology sub = Objects.requireNonNull(
                ctx.topology().subtopologies().get(id.subtopology()), () -> "no sub-topology for task " + id);
        ctx.stateDirectory().lockTask(id, ctx.threadName());
        StateManager stateManager = null;
        StreamTask task = null;
        try {
            ProcessorTopology processors =
                    ProcessorTopology.build(ctx.topology().builder(), id.subtopology(), sub.nodes(), ctx.config());
            TaskRecordCollector collector =
                    new TaskRecordCollector(id, ctx.config().applicationId(), ctx.producer());
            stateManager = StateManager.builder(
                            id.toString(), ctx.stateDirectory().taskDir(id), ctx.rocksDBMemory())
                    .appConfigs(Map.of(
                            StreamsConfig.APPLICATION_ID_CONFIG, ctx.config().applicationId()))
                    .recordCache(ctx.cache())
                    .changelogWriter(collector)
                    .build();
            task = new StreamTask(id, processors, ctx.config(), stateManager, collector);
            task.initializeStores();
            restore(id, sub, stateManager);
            task.initializeProcessors(ctx.time().milliseconds());
            tasks.put(id, new Running(task, stateManager, collector));
            for (String topic : task.inputTopics()) {
                taskByPartition.put(new TopicPartition(topic, id.partition()), id);
            }
            log.info("[{}] [Task {}] Created, reading {}", ctx.threadName(), id, task.inputTopics());
        } catch (RuntimeException e) {
            if (task != null) {
                closeQuietly(task::close, e);
            }
            if (stateManager != null) {
                closeQuietly(stateManager::closeDirty, e);
            }
            ctx.stateDirectory().unlockTask(id, ctx.threadName());
            throw e;
        }
    }

    private void restore(TaskId id, Subtopology sub, StateManager stateManager) {
        StoreChangelogReader reader = new StoreChangelogReader(
                id,
                ctx.config().applicationId(),
                ctx.restoreConsumer(),
                ctx.restoreListener(),
                ctx.time(),
                ctx.config().execution().pollTimeout());
        for (StoreBuilder<?> store : sub.loggedStores()) {
            stateManager.restore(store.name(), reader, RESTORE_BATCH);
        }
    }

    private static void closeQuietly(Runnable close, RuntimeException failure) {
        try {
            close.run();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The input partitions of the tasks owned. */
    Set<TopicPartition> inputPartitions() {
        return Set.copyOf(taskByPartition.keySet());
    }

    /** Hands polled records to their tasks (deserializing them). */
    void addRecords(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            TaskId id = taskByPartition.get(tp);
            Running running = id == null ? null : tasks.get(id);
            if (running == null) {
                log.debug("[{}] Dropping records of {}: no task owns it", ctx.threadName(), tp);
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                running.task()
                        .addRecord(RawRecord.of(
                                r.topic(), r.partition(), r.offset(), r.timestamp(), r.headers(), r.key(), r.value()));
            }
        }
    }

    /** Partitions with at least {@code limit} records buffered, to pause. */
    Set<TopicPartition> fullPartitions(int limit) {
        Set<TopicPartition> full = new HashSet<>();
        taskByPartition.forEach((tp, id) -> {
            Running r = tasks.get(id);
            if (r != null && r.task().bufferedRecords(tp.topic()) >= limit) {
                full.add(tp);
            }
        });
        return full;
    }

    boolean hasBufferedRecords() {
        for (Running r : tasks.values()) {
            if (r.task().hasRecordsQueued()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Processes up to {@code maxPerTask} records of each task, punctuating on stream time after each.
     *
     * @return the records processed
     */
    int process(int maxPerTask) {
        int total = 0;
        long now = ctx.time().milliseconds();
        for (Running r : tasks.values()) {
            for (int i = 0; i < maxPerTask && r.task().process(now); i++) {
                r.task().maybePunctuateStreamTime();
                total++;
            }
        }
        return total;
    }

    /** Fires due wall-clock punctuations. */
    void punctuateWallClock() {
        long now = ctx.time().milliseconds();
        for (Running r : tasks.values()) {
            r.task().maybePunctuateSystemTime(now);
        }
    }

    boolean commitRequested() {
        for (Running r : tasks.values()) {
            if (r.task().commitRequested()) {
                return true;
            }
        }
        return false;
    }

    /** Commits every task. */
    void commitAll() {
        commit(tasks.keySet());
    }

    private void commit(Set<TaskId> ids) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TaskId id : ids) {
            Running r = Objects.requireNonNull(tasks.get(id));
            r.task().commit();
            r.stateManager().changelogOffsetsWritten(r.collector().changelogOffsets());
            r.stateManager().checkpoint();
            r.task().committableOffsets().forEach((topic, offset) -> {
                TopicPartition tp = new TopicPartition(topic, id.partition());
                if (!offset.equals(lastCommitted.get(tp))) {
                    offsets.put(tp, offset);
                }
            });
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            ctx.committer().commit(offsets);
            lastCommitted.putAll(offsets);
            log.debug("[{}] Committed offsets {}", ctx.threadName(), offsets);
        } catch (RetriableException e) {
            log.warn(
                    "[{}] Committing offsets failed; trying again at the next commit: {}",
                    ctx.threadName(),
                    e.toString());
        }
    }

    /**
     * Closes every task: cleanly (commit, then close with a checkpoint) or, after a failure, dirty (no commit, no
     * new checkpoint, nothing more sent). Every task is closed even if one fails; the first failure is thrown.
     */
    void closeAll(boolean clean) {
        RuntimeException failure = null;
        if (clean) {
            try {
                commitAll();
            } catch (RuntimeException e) {
                failure = e;
                clean = false;
            }
        }
        for (TaskId id : new ArrayList<>(tasks.keySet())) {
            try {
                close(id, clean);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        publishStores();
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Closes the tasks among {@code ids} that this manager runs, leaving the others running: cleanly (commit, then
     * close with a checkpoint) when the group revoked their partitions, dirty when it lost them.
     */
    void closeTasks(Set<TaskId> ids, boolean clean) {
        Set<TaskId> owned = new java.util.TreeSet<>(ids);
        owned.retainAll(tasks.keySet());
        if (clean) {
            commit(owned);
        }
        for (TaskId id : owned) {
            close(id, clean);
        }
        publishStores();
    }

    /** The tasks that read these partitions (sub-topology of the topic × partition number). */
    Set<TaskId> tasksOf(Collection<TopicPartition> partitions) {
        Set<TaskId> out = new java.util.TreeSet<>();
        for (TopicPartition tp : partitions) {
            Integer subtopology = ctx.topology().readerOf(tp.topic());
            if (subtopology != null) {
                out.add(new TaskId(subtopology, tp.partition()));
            }
        }
        return out;
    }

    private void close(TaskId id, boolean clean) {
        Running r = Objects.requireNonNull(tasks.remove(id));
        taskByPartition.values().removeIf(id::equals);
        lastCommitted.keySet().removeIf(tp -> !taskByPartition.containsKey(tp));
        try {
            if (!clean) {
                r.collector().discard();
            }
            r.task().close();
        } catch (RuntimeException e) {
            if (clean) {
                r.collector().discard();
                r.stateManager().closeDirty();
                ctx.stateDirectory().unlockTask(id, ctx.threadName());
                throw e;
            }
            log.warn("[{}] [Task {}] Failed to close its processors after a failure", ctx.threadName(), id, e);
        }
        try {
            if (clean) {
                r.stateManager().close();
            } else {
                r.stateManager().closeDirty();
            }
        } finally {
            ctx.stateDirectory().unlockTask(id, ctx.threadName());
        }
        log.info("[{}] [Task {}] Closed {}", ctx.threadName(), id, clean ? "cleanly" : "after a failure");
    }

    private void publishStores() {
        Map<TaskId, StateManager> view = new TreeMap<>();
        tasks.forEach((id, r) -> view.put(id, r.stateManager()));
        queryable = Map.copyOf(view);
    }

    /** The local instances of store {@code name} (of the given partition only, if not null), for queries. */
    List<StateStore> stores(String name, @Nullable Integer partition) {
        List<StateStore> out = new ArrayList<>();
        for (Map.Entry<TaskId, StateManager> e : queryable.entrySet()) {
            if (partition != null && e.getKey().partition() != partition) {
                continue;
            }
            StateStore store = e.getValue().store(name);
            if (store != null) {
                out.add(store);
            }
        }
        return out;
    }

    /** The tasks owned. */
    Collection<TaskId> taskIds() {
        return List.copyOf(tasks.keySet());
    }
}
