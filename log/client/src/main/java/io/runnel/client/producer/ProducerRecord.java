package io.runnel.client.producer;

import io.runnel.common.header.Header;
import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record to send, as Kafka's {@code ProducerRecord}: a topic, an optional partition (else the partitioner picks
 * one), an optional timestamp (else the producer's clock), key, value and headers. Immutable except for its headers,
 * which become read-only once sent.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ProducerRecord<K, V> {
    private final String topic;
    private final @Nullable Integer partition;
    private final @Nullable Long timestamp;
    private final @Nullable K key;
    private final @Nullable V value;
    private final RecordHeaders headers;

    /**
     * @throws IllegalArgumentException if {@code partition} or {@code timestamp} is negative
     */
    public ProducerRecord(
            String topic,
            @Nullable Integer partition,
            @Nullable Long timestamp,
            @Nullable K key,
            @Nullable V value,
            @Nullable Iterable<Header> headers) {
        this.topic = Objects.requireNonNull(topic, "topic must not be null");
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("Invalid partition: " + partition + ". Partition must be >= 0");
        }
        if (timestamp != null && timestamp < 0) {
            throw new IllegalArgumentException(
                    "Invalid timestamp: " + timestamp + ". Timestamp must be >= 0 (or null for the producer's clock)");
        }
        this.partition = partition;
        this.timestamp = timestamp;
        this.key = key;
        this.value = value;
        this.headers = headers == null ? new RecordHeaders() : new RecordHeaders(headers);
    }

    public ProducerRecord(
            String topic, @Nullable Integer partition, @Nullable Long timestamp, @Nullable K key, @Nullable V value) {
        this(topic, partition, timestamp, key, value, null);
    }

    public ProducerRecord(
            String topic,
            @Nullable Integer partition,
            @Nullable K key,
            @Nullable V value,
            @Nullable Iterable<Header> headers) {
        this(topic, partition, null, key, value, headers);
    }

    public ProducerRecord(String topic, @Nullable Integer partition, @Nullable K key, @Nullable V value) {
        this(topic, partition, null, key, value, null);
    }

    public ProducerRecord(String topic, @Nullable K key, @Nullable V value) {
        this(topic, null, null, key, value, null);
    }

    public ProducerRecord(String topic, @Nullable V value) {
        this(topic, null, null, null, value, null);
    }

    public String topic() {
        return topic;
    }

    /** The partition, or null to let the partitioner choose. */
    public @Nullable Integer partition() {
        return partition;
    }

    /** The timestamp, or null for the producer's clock. */
    public @Nullable Long timestamp() {
        return timestamp;
    }

    public @Nullable K key() {
        return key;
    }

    public @Nullable V value() {
        return value;
    }

    public Headers headers() {
        return headers;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof ProducerRecord<?, ?> r
                && topic.equals(r.topic)
                && Objects.equals(partition, r.partition)
                && Objects.equals(timestamp, r.timestamp)
                && Objects.equals(key, r.key)
                && Objects.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, timestamp, key, value, headers);
    }

    @Override
    public String toString() {
        return "ProducerRecord(topic=" + topic + ", partition=" + partition + ", headers=" + headers.size()
                + ", timestamp=" + timestamp + ")";
    }
}
