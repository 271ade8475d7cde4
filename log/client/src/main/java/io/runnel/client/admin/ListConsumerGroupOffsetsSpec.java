package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Which offsets of one group {@link Admin#listConsumerGroupOffsets(java.util.Map)} lists: some partitions, or all. */
public final class ListConsumerGroupOffsetsSpec {
    private @Nullable List<TopicPartition> topicPartitions;

    /** Lists only these partitions' offsets; a partition with no committed offset then maps to null. */
    public ListConsumerGroupOffsetsSpec topicPartitions(Collection<TopicPartition> topicPartitions) {
        this.topicPartitions = List.copyOf(topicPartitions);
        return this;
    }

    /** The partitions to list, or null for every partition with a committed offset. */
    public @Nullable Collection<TopicPartition> topicPartitions() {
        return topicPartitions;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ListConsumerGroupOffsetsSpec that && Objects.equals(topicPartitions, that.topicPartitions);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(topicPartitions);
    }

    @Override
    public String toString() {
        return "ListConsumerGroupOffsetsSpec(topicPartitions=" + topicPartitions + ")";
    }
}
