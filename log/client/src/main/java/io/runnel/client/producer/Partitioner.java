package io.runnel.client.producer;

import io.runnel.client.PartitionInfo;
import java.io.Closeable;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the partition of a record that names none, as Kafka's {@code Partitioner}. Without one ({@code
 * partitioner.class} unset) the producer uses Kafka's default: murmur2 of the key bytes for keyed records (the same
 * partition Kafka's producer picks), and a sticky partition, changed once {@code batch.size} bytes went to it, for
 * keyless ones. Must be thread-safe; called on the sending thread.
 *
 * <p>Where Kafka passes a {@code Cluster}, this passes the topic's partitions.
 */
public interface Partitioner extends Closeable {
    /** Configures the partitioner with the producer's configuration. */
    default void configure(Map<String, ?> configs) {}

    /**
     * @param partitions the topic's partitions, by index (never empty)
     * @return a partition index in {@code [0, partitions.size())}
     */
    int partition(
            String topic,
            @Nullable Object key,
            byte @Nullable [] keyBytes,
            @Nullable Object value,
            byte @Nullable [] valueBytes,
            List<PartitionInfo> partitions);

    @Override
    default void close() {}
}
