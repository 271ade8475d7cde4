package io.runnel.streams.processor.internal;

import io.runnel.common.header.RecordHeaders;
import io.runnel.state.StateManager;
import io.runnel.state.StateStore;
import io.runnel.state.StoreBuilder;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.Cancellable;
import io.runnel.streams.processor.PunctuationType;
import io.runnel.streams.processor.Punctuator;
import io.runnel.streams.processor.TaskId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one sub-topology on one partition of each of its input topics: the unit of work, state and recovery.
 *
 * <p>Life cycle: {@link #initialize} builds and registers the stores with the given {@link StateManager} and calls
 * every processor's {@code init}; then the driving loop (the runtime's stream thread, or the test driver) adds raw
 * records with {@link #addRecord} and calls {@link #process} (one record, the oldest head among the partition queues),
 * {@link #maybePunctuateStreamTime}, {@link #maybePunctuateSystemTime} and {@link #commit}; finally {@link #close}
 * closes the processors. Stream time is the largest timestamp the task has processed; it never goes back.
 *
 * <p>Ownership: the task builds its stores but the {@link StateManager} it was given owns them once registered, and
 * whoever created the state manager closes it (after closing the task). The collector is borrowed too.
 *
 * <p>Not thread-safe: one thread drives a task.
 */
public final class StreamTask implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StreamTask.class);

    private final TaskId id;
    private final ProcessorTopology topology;
    private final StreamsConfig config;
    private final StateManager stateManager;
    private final RecordCollector collector;
    private final ProcessorContextImpl context;
    private final Map<String, RecordQueue> queues = new LinkedHashMap<>();
    private final PunctuationQueue streamTimePunctuations = new PunctuationQueue();
    private final PunctuationQueue wallClockPunctuations = new PunctuationQueue();
    private final List<StateStore> stores = new ArrayList<>();
    private long streamTime = -1;
    private long wallClockTime;
    private long droppedRecords;
    private boolean commitRequested;
    private boolean storesInitialized;
    private boolean initialized;
    private boolean closed;

    public StreamTask(
            TaskId id,
            ProcessorTopology topology,
            StreamsConfig config,
            StateManager stateManager,
            RecordCollector collector) {
        this.id = id;
        this.topology = topology;
        this.config = config;
        this.stateManager = stateManager;
        this.collector = collector;
        this.context = new ProcessorContextImpl(this);
        for (Map.Entry<String, ProcessorTopology.SourceBinding> source :
                topology.sources().entrySet()) {
            queues.put(
                    source.getKey(),
                    new RecordQueue(
                            source.getKey(),
                            id.partition(),
                            source.getValue(),
                            config.deserializationExceptionHandler(),
                            this));
        }
    }

    /**
     * Builds, initializes and registers the stores, then initializes the processors.
     *
     * @throws StreamsException if a processor fails to initialize, naming it
     */
    public void initialize(long wallClockTime) {
        initializeStores();
        initializeProcessors(wallClockTime);
    }

    /**
     * The first half of {@link #initialize}: builds, initializes and registers the stores, so that the runtime can
     * restore them from their changelogs before {@link #initializeProcessors}.
     */
    public void initializeStores() {
        if (storesInitialized) {
            throw new IllegalStateException("Task " + id + " has its stores already");
        }
        storesInitialized = true;
        for (StoreBuilder<?> builder : topology.stores()) {
            StateStore store = builder.build();
            store.init(stateManager, store);
            stores.add(store);
        }
    }

    /**
     * The second half of {@link #initialize}: initializes the processors, which may read the (restored) stores.
     *
     * @throws StreamsException if a processor fails to initialize, naming it
     */
    public void initializeProcessors(long wallClockTime) {
        if (initialized || !storesInitialized) {
            throw new IllegalStateException("Task " + id + " is already initialized, or has no stores yet");
        }
        this.wallClockTime = wallClockTime;
        for (ProcessorNode node : topology.nodes().values()) {
            context.setCurrentNode(node);
            node.init(context);
        }
        context.setCurrentNode(null);
        initialized = true;
        log.debug("[Task {}] Initialized with input topics {} and stores {}", id, queues.keySet(), stores.size());
    }

    public TaskId id() {
        return id;
    }

    public StreamsConfig config() {
        return config;
    }

    public StateManager stateManager() {
        return stateManager;
    }

    RecordCollector recordCollector() {
        return collector;
    }

    /** The resolved names of the topics this task reads. */
    public Set<String> inputTopics() {
        return queues.keySet();
    }

    /**
     * Buffers one raw record of an input topic (deserializing it now).
     *
     * @throws IllegalArgumentException if the task does not read the record's topic
     * @throws StreamsException if the record cannot be deserialized and the handler says to fail
     */
    public void addRecord(RawRecord raw) {
        RecordQueue queue = queues.get(raw.topic());
        if (queue == null) {
            throw new IllegalArgumentException("Task " + id + " does not read topic " + raw.topic());
        }
        queue.add(raw);
    }

    /** Records buffered for {@code topic} and not processed yet. */
    public int bufferedRecords(String topic) {
        RecordQueue queue = queues.get(topic);
        return queue == null ? 0 : queue.size();
    }

    /**
     * The offsets to commit, by input topic (of this task's partition): for each topic that has seen records, the
     * offset of the next record not yet processed.
     */
    public Map<String, Long> committableOffsets() {
        Map<String, Long> offsets = new LinkedHashMap<>();
        for (Map.Entry<String, RecordQueue> q : queues.entrySet()) {
            long offset = q.getValue().committableOffset();
            if (offset >= 0) {
                offsets.put(q.getKey(), offset);
            }
        }
        return offsets;
    }

    public boolean hasRecordsQueued() {
        for (RecordQueue q : queues.values()) {
            if (!q.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Processes the buffered record with the smallest timestamp, if any.
     *
     * @return whether a record was processed
     * @throws StreamsException if a processor throws, naming the task, the processor and the input coordinates
     */
    public boolean process(long wallClockTime) {
        this.wallClockTime = wallClockTime;
        RecordQueue next = null;
        long nextTs = Long.MAX_VALUE;
        for (RecordQueue q : queues.values()) {
            RecordQueue.Stamped head = q.peek();
            if (head != null && head.record().timestamp() < nextTs) {
                next = q;
                nextTs = head.record().timestamp();
            }
        }
        if (next == null) {
            return false;
        }
        RecordQueue.Stamped stamped = Objects.requireNonNull(next.poll());
        streamTime = Math.max(streamTime, nextTs);
        stateManager.setTimestamp(nextTs);
        context.setRecordContext(
                next.topic(),
                next.partition(),
                stamped.offset(),
                nextTs,
                stamped.record().headers());
        ProcessorNode source = next.sourceNode();
        context.setCurrentNode(source);
        try {
            source.process(stamped.record());
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("process", next.topic(), next.partition(), stamped.offset(), e);
        } finally {
            context.setCurrentNode(null);
        }
        return true;
    }

    private StreamsException failure(String phase, String topic, int partition, long offset, RuntimeException e) {
        ProcessorNode node = context.currentNodeOrNull();
        return new StreamsException(
                "Exception caught in " + phase + ". taskId=" + id + ", processor=" + (node == null ? "?" : node.name())
                        + ", topic=" + topic + ", partition=" + partition + ", offset=" + offset + ": " + e,
                e);
    }

    /** Fires the stream-time punctuations that are due; returns whether any fired. */
    public boolean maybePunctuateStreamTime() {
        if (streamTime < 0) {
            return false;
        }
        return streamTimePunctuations.mayPunctuate(streamTime, this::punctuate);
    }

    /** Fires the wall-clock punctuations due at {@code now}; returns whether any fired. */
    public boolean maybePunctuateSystemTime(long now) {
        this.wallClockTime = now;
        return wallClockPunctuations.mayPunctuate(now, this::punctuate);
    }

    private void punctuate(ProcessorNode node, long time, Punctuator punctuator) {
        context.setRecordContext("", -1, -1, time, new RecordHeaders());
        context.setCurrentNode(node);
        stateManager.setTimestamp(time);
        try {
            punctuator.punctuate(time);
        } catch (StreamsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("punctuate", "", -1, -1, e);
        } finally {
            context.setCurrentNode(null);
        }
    }

    Cancellable schedule(ProcessorNode node, long interval, PunctuationType type, Punctuator punctuator) {
        if (type == PunctuationType.STREAM_TIME) {
            // aligned to 0: fires as soon as the task has data, then at each multiple of the interval
            return streamTimePunctuations.schedule(node, 0L, interval, punctuator);
        }
        return wallClockPunctuations.schedule(node, wallClockTime + interval, interval, punctuator);
    }

    /** Flushes the stores (and their caches, which may forward records downstream), then the collector. */
    public void commit() {
        context.setRecordContext("", -1, -1, Math.max(streamTime, 0), new RecordHeaders());
        for (StateStore store : stores) {
            store.flush();
        }
        collector.flush();
        commitRequested = false;
    }

    public boolean commitRequested() {
        return commitRequested;
    }

    void requestCommit() {
        commitRequested = true;
    }

    public long streamTime() {
        return streamTime;
    }

    long wallClockTime() {
        return wallClockTime;
    }

    void recordDropped() {
        droppedRecords++;
    }

    /** Records skipped: undeserializable, negative timestamps, late for their window, or unusable null keys. */
    public long droppedRecords() {
        return droppedRecords;
    }

    /** The store of this task with that name, or null. */
    public @Nullable StateStore store(String name) {
        return stateManager.store(name);
    }

    /** Closes the processors (in topology order). The stores stay open: the state manager's owner closes them. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streamTimePunctuations.clear();
        wallClockPunctuations.clear();
        RuntimeException failure = null;
        for (ProcessorNode node : topology.nodes().values()) {
            context.setCurrentNode(node);
            try {
                node.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new StreamsException("Failed to close processor " + node.name() + " of task " + id, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        context.setCurrentNode(null);
        if (failure != null) {
            throw failure;
        }
    }
}
