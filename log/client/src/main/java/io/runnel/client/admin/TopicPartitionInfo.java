package io.runnel.client.admin;

import io.runnel.client.Node;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One partition of a described topic, as Kafka's {@code TopicPartitionInfo}. Immutable.
 *
 * @param partition the partition index
 * @param leader the leader, or null while there is none
 * @param replicas the replicas, preferred leader first
 * @param isr the in-sync replicas
 */
public record TopicPartitionInfo(int partition, @Nullable Node leader, List<Node> replicas, List<Node> isr) {
    public TopicPartitionInfo {
        replicas = List.copyOf(replicas);
        isr = List.copyOf(isr);
    }
}
