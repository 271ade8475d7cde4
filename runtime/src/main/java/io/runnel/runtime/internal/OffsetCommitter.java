package io.runnel.runtime.internal;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.Set;

/**
 * Where a stream thread reads and commits the input offsets of its tasks (the application's consumer group,
 * {@code application.id}): the commit seam. {@link ConsumerOffsetCommitter} commits through the thread's group
 * consumer ({@code commitSync}); tests substitute their own.
 *
 * <p>An implementation belongs to one stream thread.
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
