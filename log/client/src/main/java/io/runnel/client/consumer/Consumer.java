package io.runnel.client.consumer;

import io.runnel.client.PartitionInfo;
import io.runnel.common.TopicPartition;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads records from partitions it is assigned, as Kafka's {@code Consumer} (the assign-based part: consumer groups,
 * {@code subscribe} and commits come with the consumer-groups work). Implemented by {@link RunnelConsumer}.
 *
 * <p>Not thread-safe, as Kafka's: one thread uses a consumer at a time, and a call from a second thread while one is
 * in progress throws {@link java.util.ConcurrentModificationException}; only {@link #wakeup()} may be called from
 * any thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Consumer<K, V> extends Closeable {
    /** Replaces the assignment with {@code partitions}; positions of partitions kept stay as they were. */
    void assign(Collection<TopicPartition> partitions);

    /** The partitions assigned. */
    Set<TopicPartition> assignment();

    /**
     * Returns records from the assigned, unpaused partitions, waiting up to {@code timeout} for some, and advances
     * the positions past them. Positions not known yet are found with {@code auto.offset.reset}.
     *
     * @throws io.runnel.common.errors.WakeupException if {@link #wakeup()} was called
     * @throws NoOffsetForPartitionException if a position is needed and {@code auto.offset.reset} is {@code none}
     * @throws io.runnel.common.errors.OffsetOutOfRangeException if a position is out of range and {@code
     *     auto.offset.reset} is {@code none}
     * @throws io.runnel.common.errors.SerializationException if a key or value cannot be deserialized; the position
     *     stays at that record, which the application may {@link #seek} past
     * @throws io.runnel.common.errors.CorruptRecordException if a batch fails its CRC check ({@code check.crcs})
     */
    ConsumerRecords<K, V> poll(Duration timeout);

    /** Makes the next {@link #poll} read from {@code offset}. */
    void seek(TopicPartition partition, long offset);

    /** Makes the next {@link #poll} of each partition read from its log start offset (looked up lazily). */
    void seekToBeginning(Collection<TopicPartition> partitions);

    /** Makes the next {@link #poll} of each partition read from its log end offset (looked up lazily). */
    void seekToEnd(Collection<TopicPartition> partitions);

    /**
     * The offset of the next record to read, looking it up if needed, waiting up to {@code default.api.timeout.ms}.
     *
     * @throws io.runnel.common.errors.TimeoutException if it cannot be found in time
     */
    long position(TopicPartition partition);

    /** As {@link #position(TopicPartition)}, waiting up to {@code timeout}. */
    long position(TopicPartition partition, Duration timeout);

    /** Stops fetching from these partitions until {@link #resume}d. */
    void pause(Collection<TopicPartition> partitions);

    /** Fetches from these partitions again. */
    void resume(Collection<TopicPartition> partitions);

    /** The paused partitions. */
    Set<TopicPartition> paused();

    /**
     * The first offset of each partition whose timestamp is at least the one given, or null where there is none.
     *
     * @throws io.runnel.common.errors.TimeoutException after {@code default.api.timeout.ms}
     */
    Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestampsToSearch);

    /** As {@link #offsetsForTimes(Map)}, waiting up to {@code timeout}. */
    Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(
            Map<TopicPartition, Long> timestampsToSearch, Duration timeout);

    /** The log start offsets. */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions);

    /** As {@link #beginningOffsets(Collection)}, waiting up to {@code timeout}. */
    Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** The log end offsets (high watermarks). */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions);

    /** As {@link #endOffsets(Collection)}, waiting up to {@code timeout}. */
    Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout);

    /** The topic's partitions, waiting up to {@code default.api.timeout.ms} for its metadata. */
    List<PartitionInfo> partitionsFor(String topic);

    /**
     * Makes a blocked or the next {@link #poll} (or other blocking call) throw {@link
     * io.runnel.common.errors.WakeupException}. Any thread may call it.
     */
    void wakeup();

    /** Closes the consumer, waiting up to 30 seconds. */
    @Override
    void close();

    /** Closes the consumer, stopping its I/O thread within {@code timeout}. Idempotent. */
    void close(Duration timeout);
}
