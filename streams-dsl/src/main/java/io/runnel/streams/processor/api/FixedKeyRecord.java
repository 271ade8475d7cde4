package io.runnel.streams.processor.api;

import io.runnel.common.header.Headers;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change, so that no repartitioning is needed after it. Only
 * the framework creates these; the {@code withX} methods derive new ones (sharing the headers, as {@link Record}).
 */
public final class FixedKeyRecord<K, V> {
    private final @Nullable K key;
    private final @Nullable V value;
    private final long timestamp;
    private final Headers headers;

    FixedKeyRecord(@Nullable K key, @Nullable V value, long timestamp, Headers headers) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    public @Nullable K key() {
        return key;
    }

    public @Nullable V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    public Headers headers() {
        return headers;
    }

    public <NewV> FixedKeyRecord<K, NewV> withValue(@Nullable NewV value) {
        return new FixedKeyRecord<>(key, value, timestamp, headers);
    }

    /** @throws io.runnel.streams.errors.StreamsException if the timestamp is negative */
    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        return new FixedKeyRecord<>(key, value, Record.checkTimestamp(timestamp), headers);
    }

    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(key, value, timestamp, Objects.requireNonNull(headers, "headers cannot be null"));
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof FixedKeyRecord<?, ?> r
                && timestamp == r.timestamp
                && Objects.equals(key, r.key)
                && Objects.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key + ", value=" + value + ", timestamp=" + timestamp + "}";
    }
}
