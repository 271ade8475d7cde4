package io.runnel.runtime.internal;

import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogReader;
import io.runnel.state.ChangelogRecord;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.StateRestoreListener;
import io.runnel.streams.processor.TaskId;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one task's changelog partitions with the thread's restore consumer, one store at a time, for {@code
 * StateManager.restore}: from the offset asked for up to the partition's end offset as it was when the store's
 * restoration started. Offsets missing from a compacted changelog are skipped over; reading stops when the
 * consumer's position reaches the end offset.
 *
 * <p>Tells the {@link StateRestoreListener} about each store (start, each batch once applied, end) and logs progress
 * at most every ten seconds.
 *
 * <p>Owned by a stream thread while it creates a task; borrows the restore consumer, which it leaves assigned to
 * nothing.
 */
final class StoreChangelogReader implements ChangelogReader {
    private static final Logger log = LoggerFactory.getLogger(StoreChangelogReader.class);
    private static final long PROGRESS_LOG_INTERVAL_MS = 10_000;

    private final TaskId taskId;
    private final String applicationId;
    private final Consumer<byte[], byte[]> consumer;
    private final StateRestoreListener listener;
    private final Time time;
    private final Duration pollTimeout;
    private final Duration stallTimeout;
    private final ArrayDeque<ConsumerRecord<byte[], byte[]>> buffer = new ArrayDeque<>();
    private @Nullable String store;
    private @Nullable TopicPartition partition;
    private long startOffset;
    private long endOffset;
    private long restored;
    private long pendingBatchEnd = -1;
    private long pendingBatchSize;
    private long lastLogMs;

    StoreChangelogReader(
            TaskId taskId,
            String applicationId,
            Consumer<byte[], byte[]> consumer,
            StateRestoreListener listener,
            Time time,
            Duration pollTimeout) {
        this.taskId = taskId;
        this.applicationId = applicationId;
        this.consumer = consumer;
        this.listener = listener;
        this.time = time;
        this.pollTimeout = pollTimeout.isZero() ? Duration.ofMillis(100) : pollTimeout;
        this.stallTimeout = Duration.ofMinutes(5);
    }

    @Override
    public List<ChangelogRecord> read(String storeName, long fromOffset, int maxRecords) {
        if (!storeName.equals(store)) {
            start(storeName, fromOffset);
        }
        TopicPartition tp = Objects.requireNonNull(partition);
        reportPendingBatch(tp, storeName);
        long deadline = time.milliseconds() + stallTimeout.toMillis();
        while (buffer.isEmpty() && consumer.position(tp) < endOffset) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(pollTimeout).records(tp)) {
                if (r.offset() < endOffset) {
                    buffer.add(r);
                }
            }
            if (buffer.isEmpty() && time.milliseconds() > deadline) {
                throw new StreamsException("Restoring store " + storeName + " of task " + taskId + " made no"
                        + " progress for " + stallTimeout + " at offset " + consumer.position(tp) + " of " + tp
                        + " (end offset " + endOffset + ")");
            }
        }
        if (buffer.isEmpty()) {
            finish(tp, storeName);
            return List.of();
        }
        List<ChangelogRecord> batch = new ArrayList<>(Math.min(maxRecords, buffer.size()));
        while (!buffer.isEmpty() && batch.size() < maxRecords) {
            ConsumerRecord<byte[], byte[]> r = buffer.poll();
            byte[] key = Objects.requireNonNull(r.key(), "changelog records have keys");
            batch.add(ChangelogRecord.of(Bytes.wrap(key), r.value(), r.timestamp(), r.offset()));
        }
        pendingBatchEnd = batch.get(batch.size() - 1).offset();
        pendingBatchSize = batch.size();
        maybeLogProgress(tp, storeName);
        return batch;
    }

    private void start(String storeName, long fromOffset) {
        TopicPartition tp =
                new TopicPartition(TaskRecordCollector.changelogTopic(applicationId, storeName), taskId.partition());
        store = storeName;
        partition = tp;
        buffer.clear();
        restored = 0;
        pendingBatchEnd = -1;
        consumer.assign(Set.of(tp));
        Map<TopicPartition, Long> ends = consumer.endOffsets(Set.of(tp));
        endOffset = Objects.requireNonNull(ends.get(tp), () -> "no end offset for " + tp);
        long begin =
                Objects.requireNonNull(consumer.beginningOffsets(Set.of(tp)).get(tp));
        startOffset = Math.max(fromOffset, begin);
        if (startOffset > endOffset) {
            log.warn(
                    "[Task {}] The checkpoint of store {} is ahead of its changelog {} (offset {} > end {}): the"
                            + " changelog was truncated or recreated; keeping the local state",
                    taskId,
                    storeName,
                    tp,
                    fromOffset,
                    endOffset);
            startOffset = endOffset;
        }
        consumer.seek(tp, startOffset);
        lastLogMs = time.milliseconds();
        log.info(
                "[Task {}] Restoring store {} from {}: offsets {} to {}",
                taskId,
                storeName,
                tp,
                startOffset,
                endOffset);
        listener.onRestoreStart(tp, storeName, startOffset, endOffset);
    }

    private void reportPendingBatch(TopicPartition tp, String storeName) {
        if (pendingBatchEnd >= 0) {
            restored += pendingBatchSize;
            listener.onBatchRestored(tp, storeName, pendingBatchEnd, pendingBatchSize);
            pendingBatchEnd = -1;
        }
    }

    private void maybeLogProgress(TopicPartition tp, String storeName) {
        long now = time.milliseconds();
        if (now - lastLogMs >= PROGRESS_LOG_INTERVAL_MS) {
            lastLogMs = now;
            log.info(
                    "[Task {}] Restoring store {} from {}: {} records so far, at offset {} of {}",
                    taskId,
                    storeName,
                    tp,
                    restored,
                    pendingBatchEnd,
                    endOffset);
        }
    }

    private void finish(TopicPartition tp, String storeName) {
        listener.onRestoreEnd(tp, storeName, restored);
        log.info("[Task {}] Restored store {}: {} records from {}", taskId, storeName, restored, tp);
        consumer.assign(Set.of());
        store = null;
        partition = null;
    }
}
