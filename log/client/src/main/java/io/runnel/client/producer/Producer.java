package io.runnel.client.producer;

import io.runnel.client.PartitionInfo;
import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sends records to topics, as Kafka's {@code Producer}. Implemented by {@link RunnelProducer}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Producer<K, V> extends Closeable {
    /** As {@link #send(ProducerRecord, Callback)} without a callback. */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record);

    /**
     * Sends a record asynchronously: it is serialized, partitioned and added to a batch, and the returned future (a
     * {@code Future<RecordMetadata>}, as Kafka's) completes when the broker acknowledges it, or fails.
     *
     * <p>Blocks up to {@code max.block.ms} for the topic's metadata and for buffer memory; a timeout there, and a
     * record larger than {@code max.request.size} or {@code buffer.memory}, fail the returned future (and the callback)
     * as Kafka does.
     *
     * @throws IllegalStateException if the producer is closed
     * @throws io.runnel.common.errors.SerializationException if the key or value cannot be serialized
     * @throws io.runnel.common.errors.InterruptException if the thread is interrupted while blocked
     */
    CompletableFuture<RecordMetadata> send(ProducerRecord<K, V> record, @Nullable Callback callback);

    /** Sends everything buffered now and waits until each of those records is acknowledged or has failed. */
    void flush();

    /**
     * The topic's partitions, waiting up to {@code max.block.ms} for its metadata.
     *
     * @throws io.runnel.common.errors.TimeoutException if the metadata does not arrive in time
     */
    List<PartitionInfo> partitionsFor(String topic);

    /** Closes the producer after sending everything buffered, however long that takes. */
    @Override
    void close();

    /**
     * Closes the producer, sending what is buffered for up to {@code timeout}; records still unsent then fail. The
     * background thread has stopped when this returns. Idempotent.
     */
    void close(Duration timeout);
}
