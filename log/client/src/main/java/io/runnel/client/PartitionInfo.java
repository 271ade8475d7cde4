package io.runnel.client;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a partition lives, as Kafka's {@code PartitionInfo}. Immutable.
 *
 * @param topic the topic
 * @param partition the partition index
 * @param leader the leader, or null while there is none
 * @param replicas the replicas, preferred leader first
 * @param inSyncReplicas the in-sync replicas
 * @param offlineReplicas the replicas that are offline
 */
public record PartitionInfo(
        String topic,
        int partition,
        @Nullable Node leader,
        List<Node> replicas,
        List<Node> inSyncReplicas,
        List<Node> offlineReplicas) {
    public PartitionInfo {
        Objects.requireNonNull(topic, "topic");
        replicas = List.copyOf(replicas);
        inSyncReplicas = List.copyOf(inSyncReplicas);
        offlineReplicas = List.copyOf(offlineReplicas);
    }
}
