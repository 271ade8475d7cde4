package io.runnel.streams.processor;

import io.runnel.common.header.Headers;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record as read from an input topic, with its coordinates: what a {@link TimestampExtractor} and a
 * deserialization exception handler see. Kafka passes its consumer's {@code ConsumerRecord} there.
 */
public record ConsumerRecord<K, V>(
        String topic, int partition, long offset, long timestamp, Headers headers, @Nullable K key, @Nullable V value) {
    public ConsumerRecord {
        Objects.requireNonNull(topic, "topic cannot be null");
        Objects.requireNonNull(headers, "headers cannot be null");
    }

    @Override
    public String toString() {
        return "ConsumerRecord(topic=" + topic + ", partition=" + partition + ", offset=" + offset + ", timestamp="
                + timestamp + ")";
    }
}
