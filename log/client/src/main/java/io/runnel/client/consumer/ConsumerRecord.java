package io.runnel.client.consumer;

import io.runnel.common.header.Headers;
import io.runnel.records.TimestampType;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A record read from a partition, as Kafka's {@code ConsumerRecord}. Immutable (its headers are read-only).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ConsumerRecord<K, V> {
    /** The size of a null key or value. */
    public static final int NULL_SIZE = -1;

    private final String topic;
    private final int partition;
    private final long offset;
    private final long timestamp;
    private final TimestampType timestampType;
    private final int serializedKeySize;
    private final int serializedValueSize;
    private final Headers headers;
    private final @Nullable K key;
    private final @Nullable V value;
    private final Optional<Integer> leaderEpoch;

    public ConsumerRecord(
            String topic,
            int partition,
            long offset,
            long timestamp,
            TimestampType timestampType,
            int serializedKeySize,
            int serializedValueSize,
            @Nullable K key,
            @Nullable V value,
            Headers headers,
            Optional<Integer> leaderEpoch) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.timestampType = Objects.requireNonNull(timestampType, "timestampType");
        this.serializedKeySize = serializedKeySize;
        this.serializedValueSize = serializedValueSize;
        this.key = key;
        this.value = value;
        this.headers = Objects.requireNonNull(headers, "headers");
        this.leaderEpoch = Objects.requireNonNull(leaderEpoch, "leaderEpoch");
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    public long offset() {
        return offset;
    }

    public long timestamp() {
        return timestamp;
    }

    public TimestampType timestampType() {
        return timestampType;
    }

    /** The key's size in bytes, or {@link #NULL_SIZE}. */
    public int serializedKeySize() {
        return serializedKeySize;
    }

    /** The value's size in bytes, or {@link #NULL_SIZE}. */
    public int serializedValueSize() {
        return serializedValueSize;
    }

    public Headers headers() {
        return headers;
    }

    public @Nullable K key() {
        return key;
    }

    public @Nullable V value() {
        return value;
    }

    /** The leader epoch of the batch the record came in, if the broker stamped one. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch;
    }

    @Override
    public String toString() {
        return "ConsumerRecord(topic=" + topic + ", partition=" + partition + ", offset=" + offset + ", "
                + timestampType + "=" + timestamp + ", serialized key size=" + serializedKeySize
                + ", serialized value size=" + serializedValueSize + ")";
    }
}
