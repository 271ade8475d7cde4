package io.runnel.client.producer.internal;

import io.runnel.client.producer.Callback;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The records bound for one partition in one record batch, with each record's future and callback.
 *
 * <p>States: <em>open</em> (records are appended by sending threads, under the partition deque's lock), then
 * <em>closed</em> by the sender when drained ({@link #close()} builds the batch bytes once; the producer id, epoch
 * and base sequence are stamped into them and kept across retries, so a retry sends the very same bytes), then
 * <em>done</em> ({@link #complete} or {@link #fail}, once). The builder's memory goes back to the pool after done.
 */
public final class ProducerBatch {
    private static final Logger log = LoggerFactory.getLogger(ProducerBatch.class);

    /** One appended record's completion. */
    private record Thunk(
            CompletableFuture<RecordMetadata> future,
            @Nullable Callback callback,
            long timestamp,
            int keySize,
            int valueSize) {}

    final TopicPartition topicPartition;
    final RecordBatchBuilder builder;
    final int reservedBytes;
    final long createdMs;
    private final List<Thunk> thunks = new ArrayList<>();

    private boolean closedForAppend;
    private @Nullable ByteBuffer bytes;
    private volatile boolean done;
    private final CountDownLatch doneLatch = new CountDownLatch(1);

    int attempts;
    long lastAttemptMs;
    boolean retry;
    long producerId = RecordBatch.NO_PRODUCER_ID;
    short producerEpoch = RecordBatch.NO_PRODUCER_EPOCH;
    int baseSequence = RecordBatch.NO_SEQUENCE;

    ProducerBatch(
            TopicPartition topicPartition,
            RecordBatchBuilder builder,
            int reservedBytes,
            CompressionType compression,
            int compressionLevel,
            long nowMs) {
        this.topicPartition = topicPartition;
        this.builder = builder;
        this.reservedBytes = reservedBytes;
        this.createdMs = nowMs;
        this.lastAttemptMs = nowMs;
        builder.reset(0L);
        if (compression != CompressionType.NONE) {
            builder.compression(compression, compressionLevel);
        }
    }

    /**
     * Appends a record if it fits (a batch's first record always fits).
     *
     * @return the record's future, or null if the batch is full or closed
     */
    @Nullable
    CompletableFuture<RecordMetadata> tryAppend(
            long timestamp,
            byte @Nullable [] key,
            byte @Nullable [] value,
            Header[] headers,
            @Nullable Callback callback,
            int estimatedSize) {
        if (closedForAppend || (!thunks.isEmpty() && builder.estimatedSizeInBytes() + estimatedSize > reservedBytes)) {
            closedForAppend = true;
            return null;
        }
        builder.append(timestamp, key, value, headers);
        CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
        thunks.add(new Thunk(
                future, callback, timestamp, key == null ? -1 : key.length, value == null ? -1 : value.length));
        return future;
    }

    /** Whether no more records fit (or none may be added). */
    boolean isFull() {
        return closedForAppend || builder.estimatedSizeInBytes() >= reservedBytes;
    }

    int recordCount() {
        return thunks.size();
    }

    /** Stops appends and builds the batch bytes (once). */
    void close() {
        closedForAppend = true;
        if (bytes == null) {
            bytes = builder.build();
        }
    }

    /** Whether {@link #close()} has built the bytes. */
    boolean isClosed() {
        return bytes != null;
    }

    /** Stamps the producer state into the built bytes (and recomputes the CRC). */
    void setProducerState(long producerId, short epoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = epoch;
        this.baseSequence = baseSequence;
        RecordBatch.wrap(built()).setProducerState(producerId, epoch, baseSequence);
    }

    /** The built batch bytes, read-only; valid until the batch's memory is released. */
    ByteBuffer built() {
        ByteBuffer built = bytes;
        if (built == null) {
            throw new IllegalStateException("batch for " + topicPartition + " is not closed yet");
        }
        return built.duplicate();
    }

    int sizeInBytes() {
        ByteBuffer built = bytes;
        return built != null ? built.remaining() : builder.estimatedSizeInBytes();
    }

    boolean isDone() {
        return done;
    }

    /** Completes every record: offsets from {@code baseOffset} (-1: unknown), timestamps as the broker says. */
    void complete(long baseOffset, long logAppendTime) {
        if (done) {
            return;
        }
        done = true;
        doneLatch.countDown();
        for (int i = 0; i < thunks.size(); i++) {
            Thunk thunk = thunks.get(i);
            RecordMetadata metadata = new RecordMetadata(
                    topicPartition,
                    baseOffset < 0 ? RecordMetadata.UNKNOWN_OFFSET : baseOffset + i,
                    logAppendTime >= 0 ? logAppendTime : thunk.timestamp,
                    thunk.keySize,
                    thunk.valueSize);
            thunk.future.complete(metadata);
            runCallback(thunk.callback, metadata, null);
        }
    }

    /** Fails every record with {@code exception}. */
    void fail(RuntimeException exception) {
        if (done) {
            return;
        }
        done = true;
        doneLatch.countDown();
        for (Thunk thunk : thunks) {
            thunk.future.completeExceptionally(exception);
            runCallback(thunk.callback, null, exception);
        }
    }

    /**
     * Waits until the batch is done.
     *
     * @throws InterruptException if the thread is interrupted
     */
    void awaitDone() {
        try {
            doneLatch.await();
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        }
    }

    private void runCallback(
            @Nullable Callback callback, @Nullable RecordMetadata metadata, @Nullable Exception exception) {
        if (callback == null) {
            return;
        }
        try {
            callback.onCompletion(metadata, exception);
        } catch (RuntimeException e) {
            log.error("A producer callback for {} threw", topicPartition, e);
        }
    }

    @Override
    public String toString() {
        return "ProducerBatch(" + topicPartition + ", records=" + thunks.size() + ", baseSequence=" + baseSequence
                + ", attempts=" + attempts + ")";
    }
}
