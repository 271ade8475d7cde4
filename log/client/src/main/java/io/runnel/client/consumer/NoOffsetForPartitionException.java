package io.runnel.client.consumer;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import java.util.Set;

/**
 * A partition has no position and {@code auto.offset.reset} is {@code none}: the application must {@code seek}
 * first. As Kafka's {@code NoOffsetForPartitionException}.
 */
public class NoOffsetForPartitionException extends RunnelException {
    private static final long serialVersionUID = 1L;

    private final transient Set<TopicPartition> partitions;

    public NoOffsetForPartitionException(Set<TopicPartition> partitions) {
        super("Undefined offset with no reset policy for partitions: " + partitions);
        this.partitions = Set.copyOf(partitions);
    }

    public Set<TopicPartition> partitions() {
        return partitions;
    }
}
