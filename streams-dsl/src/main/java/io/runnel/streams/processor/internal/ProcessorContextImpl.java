package io.runnel.streams.processor.internal;

import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import io.runnel.state.StateStore;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.Cancellable;
import io.runnel.streams.processor.PunctuationType;
import io.runnel.streams.processor.Punctuator;
import io.runnel.streams.processor.RecordContext;
import io.runnel.streams.processor.TaskId;
import io.runnel.streams.processor.api.FixedKeyProcessorContext;
import io.runnel.streams.processor.api.FixedKeyRecord;
import io.runnel.streams.processor.api.InternalFixedKeyRecordFactory;
import io.runnel.streams.processor.api.ProcessorContext;
import io.runnel.streams.processor.api.Record;
import io.runnel.streams.processor.api.RecordMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one context of a task, handed to every processor of it. It tracks the node being run (forwarding to a child
 * makes the child current until it returns) and the input record being processed, so that it allocates nothing per
 * record. Owned by the task's thread.
 */
public final class ProcessorContextImpl
        implements ProcessorContext<Object, Object>,
                FixedKeyProcessorContext<Object, Object>,
                RecordContext,
                RecordMetadata {
    private final StreamTask task;
    private @Nullable ProcessorNode currentNode;
    private String topic = "";
    private int partition = -1;
    private long offset = -1;
    private long timestamp;
    private Headers headers = new RecordHeaders();

    ProcessorContextImpl(StreamTask task) {
        this.task = task;
    }

    void setCurrentNode(@Nullable ProcessorNode node) {
        this.currentNode = node;
    }

    void setRecordContext(String topic, int partition, long offset, long timestamp, Headers headers) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    @Nullable
    ProcessorNode currentNodeOrNull() {
        return currentNode;
    }

    ProcessorNode currentNode() {
        ProcessorNode node = currentNode;
        if (node == null) {
            throw new IllegalStateException("No processor is running in task " + task.id());
        }
        return node;
    }

    /** The collector of the task; sinks send through it. */
    public RecordCollector recordCollector() {
        return task.recordCollector();
    }

    /** Counts a record a processor dropped (late, or with a null key where one is needed). */
    public void recordDropped() {
        task.recordDropped();
    }

    @Override
    public String applicationId() {
        return task.config().applicationId();
    }

    @Override
    public TaskId taskId() {
        return task.id();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return topic.isEmpty() ? Optional.empty() : Optional.of(this);
    }

    @Override
    public Map<String, Object> appConfigs() {
        return task.stateManager().appConfigs();
    }

    @Override
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    public <S extends StateStore> S getStateStore(String name) {
        ProcessorNode node = currentNode();
        StateStore store = task.stateManager().store(name);
        if (store == null) {
            throw new StreamsException("Processor " + node.name() + " asked for StateStore " + name
                    + ", which the topology does not have");
        }
        if (!node.canAccess(name)) {
            throw new StreamsException("Processor " + node.name() + " has no access to StateStore " + name
                    + " as the store is not connected to the processor; connect it with"
                    + " Topology.connectProcessorAndStateStores or pass the store names to addProcessor");
        }
        return (S) store;
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        Objects.requireNonNull(interval, "interval cannot be null");
        Objects.requireNonNull(type, "type cannot be null");
        Objects.requireNonNull(callback, "callback cannot be null");
        long ms = interval.toMillis();
        if (ms < 1) {
            throw new IllegalArgumentException(
                    "The minimum supported scheduling interval is 1 millisecond: " + interval);
        }
        return task.schedule(currentNode(), ms, type, callback);
    }

    @Override
    public void commit() {
        task.requestCommit();
    }

    @Override
    public long currentSystemTimeMs() {
        return task.wallClockTime();
    }

    @Override
    public long currentStreamTimeMs() {
        return task.streamTime();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record) {
        ProcessorNode from = currentNode();
        Record<Object, Object> r = (Record<Object, Object>) record;
        for (ProcessorNode child : from.children()) {
            run(child, r);
        }
        currentNode = from;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> void forward(Record<K, V> record, String childName) {
        ProcessorNode from = currentNode();
        ProcessorNode child = from.child(childName);
        if (child == null) {
            throw new StreamsException("Unknown downstream node: " + childName + " either does not exist or is not"
                    + " connected to this processor (" + from.name() + ")");
        }
        run(child, (Record<Object, Object>) record);
        currentNode = from;
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record) {
        forward(InternalFixedKeyRecordFactory.toRecord(record));
    }

    @Override
    public <K, V> void forward(FixedKeyRecord<K, V> record, String childName) {
        forward(InternalFixedKeyRecordFactory.toRecord(record), childName);
    }

    /**
     * Forwards to the children of {@code from}, as if {@code from} were running: for records a processor emits
     * outside its own {@code process} call (a store cache flushing on commit).
     */
    public <K, V> void forwardFrom(ProcessorNode from, Record<K, V> record) {
        ProcessorNode previous = currentNode;
        currentNode = from;
        try {
            forward(record);
        } finally {
            currentNode = previous;
        }
    }

    /** The node running now; a processor keeps it in {@code init} to use {@link #forwardFrom} later. */
    public ProcessorNode self() {
        return currentNode();
    }

    private void run(ProcessorNode child, Record<Object, Object> record) {
        currentNode = child;
        child.process(record);
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public int partition() {
        return partition;
    }

    @Override
    public long offset() {
        return offset;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public Headers headers() {
        return headers;
    }
}
