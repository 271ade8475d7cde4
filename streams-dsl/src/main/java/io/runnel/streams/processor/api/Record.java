package io.runnel.streams.processor.api;

import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import io.runnel.streams.errors.StreamsException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record flowing through a topology: key, value, timestamp and headers. Immutable except for its headers; the
 * {@code withX} methods return a new record that shares this one's headers (copy them with {@link
 * io.runnel.common.header.RecordHeaders#RecordHeaders(Iterable)} before changing them if another branch sees the same record).
 */
public final class Record<K, V> {
    private final @Nullable K key;
    private final @Nullable V value;
    private final long timestamp;
    private final Headers headers;

    /**
     * @throws StreamsException if the timestamp is negative
     */
    public Record(@Nullable K key, @Nullable V value, long timestamp, @Nullable Headers headers) {
        this(headers == null ? new RecordHeaders() : new RecordHeaders(headers), key, value, checkTimestamp(timestamp));
    }

    /**
     * @throws StreamsException if the timestamp is negative
     */
    public Record(@Nullable K key, @Nullable V value, long timestamp) {
        this(new RecordHeaders(), key, value, checkTimestamp(timestamp));
    }

    private Record(Headers headers, @Nullable K key, @Nullable V value, long timestamp) {
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers;
    }

    static long checkTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new StreamsException("Malformed Record: timestamp may not be negative, got " + timestamp);
        }
        return timestamp;
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

    public <NewK> Record<NewK, V> withKey(@Nullable NewK key) {
        return new Record<>(headers, key, value, timestamp);
    }

    public <NewV> Record<K, NewV> withValue(@Nullable NewV value) {
        return new Record<>(headers, key, value, timestamp);
    }

    /** @throws StreamsException if the timestamp is negative */
    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(headers, key, value, checkTimestamp(timestamp));
    }

    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(Objects.requireNonNull(headers, "headers cannot be null"), key, value, timestamp);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Record<?, ?> r
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
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + "}";
    }
}
