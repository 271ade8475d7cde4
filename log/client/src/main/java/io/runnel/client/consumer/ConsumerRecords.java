package io.runnel.client.consumer;

import io.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The records one {@link Consumer#poll} returned, per partition, as Kafka's {@code ConsumerRecords}. Within a
 * partition, records are in offset order. Immutable.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerRecords<K, V> implements Iterable<ConsumerRecord<K, V>> {
    private static final ConsumerRecords<?, ?> EMPTY = new ConsumerRecords<>(Map.of());

    private final Map<TopicPartition, List<ConsumerRecord<K, V>>> records;

    public ConsumerRecords(Map<TopicPartition, List<ConsumerRecord<K, V>>> records) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> copy = new LinkedHashMap<>();
        records.forEach((tp, list) -> copy.put(tp, List.copyOf(list)));
        this.records = Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    public static <K, V> ConsumerRecords<K, V> empty() {
        return (ConsumerRecords<K, V>) EMPTY;
    }

    /** The records of one partition (empty if none). */
    public List<ConsumerRecord<K, V>> records(TopicPartition partition) {
        return records.getOrDefault(partition, List.of());
    }

    /** The records of one topic, partition after partition. */
    public Iterable<ConsumerRecord<K, V>> records(String topic) {
        List<ConsumerRecord<K, V>> ofTopic = new ArrayList<>();
        records.forEach((tp, list) -> {
            if (tp.topic().equals(topic)) {
                ofTopic.addAll(list);
            }
        });
        return ofTopic;
    }

    /** The partitions with records. */
    public Set<TopicPartition> partitions() {
        return records.keySet();
    }

    public int count() {
        int count = 0;
        for (List<ConsumerRecord<K, V>> list : records.values()) {
            count += list.size();
        }
        return count;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    @Override
    public Iterator<ConsumerRecord<K, V>> iterator() {
        List<ConsumerRecord<K, V>> all = new ArrayList<>(count());
        records.values().forEach(all::addAll);
        return Collections.unmodifiableList(all).iterator();
    }
}
