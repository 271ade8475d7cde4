package io.runnel.runtime.internal;

import io.runnel.client.producer.Producer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.header.Headers;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogWriter;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TaskId;
import io.runnel.streams.processor.internal.RecordCollector;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one task's sink records and store changes through its thread's producer. Sink records go to the partition
 * the producer's partitioner picks from the serialized key (as Kafka Streams' default); store changes go to
 * partition {@code <task partition>} of {@code <application.id>-<store>-changelog}, and their acknowledged offsets
 * are kept by store, for the task's checkpoint.
 *
 * <p>A failed send fails the task: the first error is kept (callbacks run on the producer's I/O thread) and thrown
 * as a {@link StreamsException} naming the task and the topic from the next {@link #send}, {@link #logChange} or
 * {@link #flush}. After {@link #discard()} (a task closing after a failure) records are dropped instead.
 *
 * <p>Called by the task's stream thread; the callbacks by the producer's thread. Borrows the producer.
 */
final class TaskRecordCollector implements RecordCollector, ChangelogWriter {
    private static final Logger log = LoggerFactory.getLogger(TaskRecordCollector.class);

    private final TaskId taskId;
    private final String applicationId;
    private final Producer<byte[], byte[]> producer;
    private final Map<String, Long> changelogOffsets = new ConcurrentHashMap<>();
    private final AtomicReference<@Nullable StreamsException> sendError = new AtomicReference<>();
    private boolean discarding;

    TaskRecordCollector(TaskId taskId, String applicationId, Producer<byte[], byte[]> producer) {
        this.taskId = taskId;
        this.applicationId = applicationId;
        this.producer = producer;
    }

    static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    @Override
    public void send(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers, long timestamp) {
        if (discarding) {
            return;
        }
        checkForError();
        producer.send(
                new ProducerRecord<>(topic, null, timestamp < 0 ? null : timestamp, key, value, headers),
                (metadata, exception) -> onCompletion(topic, null, metadata, exception));
    }

    /** Sends a store change; the arrays are borrowed, so they are copied. */
    @Override
    public void log(String storeName, Bytes key, byte @Nullable [] value, long timestamp) {
        if (discarding) {
            return;
        }
        checkForError();
        String topic = changelogTopic(applicationId, storeName);
        byte[] keyCopy = Arrays.copyOf(key.get(), key.get().length);
        byte[] valueCopy = value == null ? null : Arrays.copyOf(value, value.length);
        producer.send(
                new ProducerRecord<>(
                        topic, taskId.partition(), timestamp < 0 ? null : timestamp, keyCopy, valueCopy, null),
                (metadata, exception) -> onCompletion(topic, storeName, metadata, exception));
    }

    private void onCompletion(
            String topic, @Nullable String storeName, @Nullable RecordMetadata metadata, @Nullable Exception e) {
        if (e != null) {
            StreamsException failure = new StreamsException(
                    "Task " + taskId + " failed to send a record to topic " + topic + ": " + e
                            + "; the task fails (records since its last commit are processed again after a restart)",
                    e);
            if (!sendError.compareAndSet(null, failure)) {
                log.debug("[Task {}] Another send to {} failed too", taskId, topic, e);
            }
        } else if (storeName != null && metadata != null && metadata.hasOffset()) {
            changelogOffsets.merge(storeName, metadata.offset(), Math::max);
        }
    }

    /** Waits until every record sent so far is acknowledged. */
    @Override
    public void flush() {
        if (discarding) {
            return;
        }
        producer.flush();
        checkForError();
    }

    /**
     * @throws StreamsException if a send failed
     */
    void checkForError() {
        StreamsException failure = sendError.get();
        if (failure != null) {
            throw failure;
        }
    }

    /** The highest acknowledged offset of each store's changelog partition. */
    Map<String, Long> changelogOffsets() {
        return Map.copyOf(changelogOffsets);
    }

    /** Drops records from now on: the task is closing after a failure and must not write what it was doing. */
    void discard() {
        discarding = true;
    }
}
