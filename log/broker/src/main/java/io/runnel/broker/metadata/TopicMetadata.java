package io.runnel.broker.metadata;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A topic as the cluster knows it. Immutable.
 *
 * @param name the topic name
 * @param topicId the topic's unique id, new for each incarnation of a name
 * @param replicas replica broker ids by partition; the first is the preferred leader
 * @param configs topic-level config overrides with Kafka's key names
 */
public record TopicMetadata(
        String name, UUID topicId, SortedMap<Integer, List<Integer>> replicas, Map<String, String> configs) {
    public TopicMetadata {
        TreeMap<Integer, List<Integer>> copy = new TreeMap<>();
        replicas.forEach((partition, brokers) -> copy.put(partition, List.copyOf(brokers)));
        replicas = java.util.Collections.unmodifiableSortedMap(copy);
        configs = Map.copyOf(configs);
    }

    public int partitionCount() {
        return replicas.size();
    }
}
