package io.runnel.runtime.internal;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.Set;

/**
 * Where a stream thread reads and commits the input offsets of its tasks (the application's consumer group,
 * {@code application.id}): the commit seam. {@link AdminOffsetCommitter} commits through the admin client, which the
 * group coordinator accepts while the group has no members, as long as one instance runs the application with
 * manually assigned partitions. {@link ConsumerOffsetCommitter} commits through a stream thread's group consumer
 * ({@code commitSync}), for instances that share the application through the group.
 *
 * <p>{@link AdminOffsetCommitter} is thread-safe and shared by every stream thread of an instance; a {@link
 * ConsumerOffsetCommitter} belongs to the one thread that owns its consumer.
 */
public interface OffsetCommitter {

    /**
     * The committed offsets of {@code partitions}; partitions with none are absent.
     *
     * @throws io.runnel.streams.errors.StreamsException if they cannot be read
     */
    Map<TopicPartition, Long> committed(Set<TopicPartition> partitions);

    /**
     * Commits {@code offsets} (the next offset to read of each partition) and waits until they are durable.
     *
     * @throws io.runnel.common.errors.RetriableException if the commit may succeed when tried again
     * @throws io.runnel.streams.errors.StreamsException if it failed for good
     */
    void commit(Map<TopicPartition, Long> offsets);
}
