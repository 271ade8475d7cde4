package io.runnel.client.consumer;

import io.runnel.client.PartitionInfo;
import io.runnel.common.TopicPartition;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads records from partitions it is assigned ({@link #assign}) or that its consumer group assigns it ({@link
 * #subscribe}), and commits its positions to the group, as Kafka's {@code Consumer} with the classic group protocol.
 * Implemented by {@link RunnelConsumer}.
 *
 * <p>Not thread-safe, as Kafka's: one thread uses a consumer at a time, and a call from a second thread while one is
 * in progress throws {@link java.util.ConcurrentModificationException}; only {@link #wakeup()} may be called from
 * any thread.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Consumer<K, V> extends Closeable {
    /**
     * Replaces the assignment with {@code partitions}; positions of partitions kept stay as they were. An empty
     * collection is {@link #unsubscribe()}.
     *
     * @throws IllegalStateException if the consumer is subscribed to topics or a pattern
     */
    void assign(Collection<TopicPartition> partitions);

    /**
     * Joins the consumer's group ({@code group.id}) and reads the partitions of {@code topics} the group assigns it,
     * replacing any earlier subscription. The rebalance happens inside {@link #poll}, which also runs the listener's
     * callbacks. An empty collection is {@link #unsubscribe()}.
     *
     * @throws io.runnel.common.errors.InvalidGroupIdException if no {@code group.id} is configured
     * @throws IllegalStateException if partitions are assigned with {@link #assign}
     * @throws IllegalArgumentException if a topic is null or blank, or the listener is null
     */
    void subscribe(Collection<String> topics, ConsumerRebalanceListener listener);

    /** As {@link #subscribe(Collection, ConsumerRebalanceListener)} with no listener. */
    void subscribe(Collection<String> topics);

    /**
     * Subscribes to every topic whose whole name matches {@code pattern}, now and as topics are created or deleted
     * (checked at each metadata refresh, {@code metadata.max.age.ms}).
     *
     * @throws io.runnel.common.errors.InvalidGroupIdException if no {@code group.id} is configured
     * @throws IllegalStateException if partitions are assigned with {@link #assign}
     */
    void subscribe(Pattern pattern, ConsumerRebalanceListener listener);

    /** As {@link #subscribe(Pattern, ConsumerRebalanceListener)} with no listener. */
    void subscribe(Pattern pattern);

    /**
     * Drops the subscription or the assignment. A subscribed consumer revokes its partitions (listener) and leaves
     * its group.
     */
    void unsubscribe();

    /** The subscribed topics (for a pattern, those it matches now); empty when partitions are assigned manually. */
    Set<String> subscription();

    /**
     * Commits the positions of all assigned partitions (the offsets after the records {@link #poll} returned),
     * retrying transient errors for up to {@code default.api.timeout.ms}.
     *
     * @throws CommitFailedException if the consumer is no longer in the group's current generation
     * @throws io.runnel.common.errors.RebalanceInProgressException if a rebalance is under way: poll, then retry
     * @throws io.runnel.common.errors.TimeoutException if the commit did not succeed in time
     * @throws io.runnel.common.errors.WakeupException if {@link #wakeup()} was called
     * @throws io.runnel.common.errors.InvalidGroupIdException if no {@code group.id} is configured
     */
    void commitSync();

    /** As {@link #commitSync()}, waiting up to {@code timeout}. */
    void commitSync(Duration timeout);

    /** As {@link #commitSync()}, committing {@code offsets}. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** As {@link #commitSync(Map)}, waiting up to {@code timeout}. */
    void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout);

    /** Commits the positions of all assigned partitions without waiting; failures are logged. */
    void commitAsync();

    /**
     * Commits the positions of all assigned partitions without waiting or retrying; {@code callback} runs on this
     * thread inside a later call of this consumer. Commits complete in the order they were made.
     */
    void commitAsync(@Nullable OffsetCommitCallback callback);

    /** As {@link #commitAsync(OffsetCommitCallback)}, committing {@code offsets}. */
    void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable OffsetCommitCallback callback);

    /**
     * The group's committed offsets of {@code partitions}; a partition without one maps to null. Waits up to {@code
     * default.api.timeout.ms}.
     *
     * @throws io.runnel.common.errors.TimeoutException if the coordinator does not answer in time
     * @throws io.runnel.common.errors.InvalidGroupIdException if no {@code group.id} is configured
     */
    Map<TopicPartition, @Nullable OffsetAndMetadata> committed(Set<TopicPartition> partitions);

    /** As {@link #committed(Set)}, waiting up to {@code timeout}. */
    Map<TopicPartition, @Nullable OffsetAndMetadata> committed(Set<TopicPartition> partitions, Duration timeout);

    /**
     * The consumer's group membership: group id, generation, member id, instance id.
     *
     * @throws io.runnel.common.errors.InvalidGroupIdException if no {@code group.id} is configured
     */
    ConsumerGroupMetadata groupMetadata();

    /**
     * Makes the group rebalance, starting in the next {@link #poll}. Does nothing while one is under way.
     *
     * @throws IllegalStateException if the consumer has no group
     */
    void enforceRebalance();

    /** As {@link #enforceRebalance()}, with the reason sent to the coordinator. */
    void enforceRebalance(@Nullable String reason);

    /** The partitions assigned. */
    Set<TopicPartition> assignment();

    /**
     * Returns records from the assigned, unpaused partitions, waiting up to {@code timeout} for some, and advances
     * the positions past them. Positions not known yet start at the group's committed offsets (with a {@code
     * group.id}), else by {@code auto.offset.reset}. A subscribed consumer also takes part in rebalances here (its
     * listener's callbacks run on this thread), commits automatically ({@code enable.auto.commit}) and runs the
     * callbacks of completed {@link #commitAsync} calls.
     *
     * @throws io.runnel.common.errors.WakeupException if {@link #wakeup()} was called
     * @throws NoOffsetForPartitionException if a position is needed and {@code auto.offset.reset} is {@code none}
     * @throws io.runnel.common.errors.OffsetOutOfRangeException if a position is out of range and {@code
     *     auto.offset.reset} is {@code none}
     * @throws io.runnel.common.errors.SerializationException if a key or value cannot be deserialized; the position
     *     stays at that record, which the application may {@link #seek} past
     * @throws io.runnel.common.errors.CorruptRecordException if a batch fails its CRC check ({@code check.crcs})
     * @throws IllegalStateException if the consumer is neither subscribed nor assigned partitions
     * @throws io.runnel.common.errors.FencedInstanceIdException if another consumer took this static member's place
     * @throws io.runnel.common.errors.RunnelException wrapping an exception a rebalance callback threw
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

    /**
     * Closes the consumer, waiting up to 30 seconds: a group member commits its positions first ({@code
     * enable.auto.commit}), revokes its partitions and leaves the group.
     */
    @Override
    void close();

    /** As {@link #close()}, within {@code timeout}. Idempotent. */
    void close(Duration timeout);
}
