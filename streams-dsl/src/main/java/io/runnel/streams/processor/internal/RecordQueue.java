package io.runnel.streams.processor.internal;

import io.runnel.streams.errors.DeserializationExceptionHandler;
import io.runnel.streams.errors.DeserializationExceptionHandler.DeserializationHandlerResponse;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.ConsumerRecord;
import io.runnel.streams.processor.api.Record;
import java.util.ArrayDeque;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffered input of one topic partition of a task. Records are deserialized and given a timestamp as they are
 * added, so the task can pick the partition whose next record is oldest. A record that cannot be deserialized goes to
 * the {@link DeserializationExceptionHandler}; one whose extracted timestamp is negative is dropped with a warning.
 * Both count as dropped records of the task.
 *
 * <p>Owned by the task's thread.
 */
final class RecordQueue {
    private static final Logger log = LoggerFactory.getLogger(RecordQueue.class);

    /** A deserialized input record with its coordinates. */
    record Stamped(Record<Object, Object> record, long offset) {}

    private final String topic;
    private final int partition;
    private final ProcessorTopology.SourceBinding source;
    private final DeserializationExceptionHandler handler;
    private final StreamTask task;
    private final ArrayDeque<Stamped> queue = new ArrayDeque<>();
    private long partitionTime = -1;
    private long nextOffset = -1;

    RecordQueue(
            String topic,
            int partition,
            ProcessorTopology.SourceBinding source,
            DeserializationExceptionHandler handler,
            StreamTask task) {
        this.topic = topic;
        this.partition = partition;
        this.source = source;
        this.handler = handler;
        this.task = task;
    }

    String topic() {
        return topic;
    }

    int partition() {
        return partition;
    }

    ProcessorNode sourceNode() {
        return source.node();
    }

    void add(RawRecord raw) {
        Object key;
        Object value;
        try {
            key = raw.key() == null ? null : source.keyDeserializer().deserialize(topic, raw.headers(), raw.key());
            value = raw.value() == null
                    ? null
                    : source.valueDeserializer().deserialize(topic, raw.headers(), raw.value());
        } catch (RuntimeException e) {
            handleDeserializationError(raw, e);
            nextOffset = raw.offset() + 1;
            return;
        }
        nextOffset = raw.offset() + 1;
        ConsumerRecord<Object, Object> consumed =
                new ConsumerRecord<>(topic, partition, raw.offset(), raw.timestamp(), raw.headers(), key, value);
        long timestamp = source.timestampExtractor().extract(consumed, partitionTime);
        if (timestamp < 0) {
            log.warn(
                    "[Task {}] Skipping the record of topic {} partition {} offset {}: its extracted timestamp {} is"
                            + " negative",
                    task.id(),
                    topic,
                    partition,
                    raw.offset(),
                    timestamp);
            task.recordDropped();
            return;
        }
        partitionTime = Math.max(partitionTime, timestamp);
        queue.add(new Stamped(new Record<>(key, value, timestamp, raw.headers()), raw.offset()));
    }

    private void handleDeserializationError(RawRecord raw, RuntimeException e) {
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>(
                topic, partition, raw.offset(), raw.timestamp(), raw.headers(), raw.key(), raw.value());
        DeserializationHandlerResponse response;
        try {
            response = Objects.requireNonNull(handler.handle(failed, e), "the handler returned null");
        } catch (RuntimeException fatal) {
            fatal.addSuppressed(e);
            throw new StreamsException(
                    "The deserialization exception handler failed while handling the record of topic " + topic
                            + " partition " + partition + " offset " + raw.offset(),
                    fatal);
        }
        if (response == DeserializationHandlerResponse.FAIL) {
            throw new StreamsException(
                    "Deserialization failed for the record of topic " + topic + " partition " + partition + " offset "
                            + raw.offset() + " (task " + task.id() + ", source "
                            + source.node().name()
                            + "); the deserialization exception handler is set to fail. To skip such records, set"
                            + " default.deserialization.exception.handler to LogAndContinueExceptionHandler",
                    e);
        }
        task.recordDropped();
    }

    /**
     * The offset to commit for this partition: that of the oldest record still buffered, or the one after the last
     * record added (processed, or skipped as undeserializable or with a negative timestamp); -1 if none was added.
     */
    long committableOffset() {
        Stamped head = queue.peek();
        return head != null ? head.offset() : nextOffset;
    }

    @Nullable
    Stamped peek() {
        return queue.peek();
    }

    @Nullable
    Stamped poll() {
        return queue.poll();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }
}
