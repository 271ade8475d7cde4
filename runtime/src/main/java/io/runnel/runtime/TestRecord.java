package io.runnel.runtime;

import io.runnel.common.header.Headers;
import io.runnel.common.header.RecordHeaders;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record piped into or read from the {@link TopologyTestDriver}. A null record time means "use the input topic's
 * current time" when piped. Mirrors Kafka's {@code TestRecord}.
 */
public final class TestRecord<K, V> {
    private final @Nullable K key;
    private final @Nullable V value;
    private final Headers headers;
    private final @Nullable Instant recordTime;

    public TestRecord(@Nullable K key, @Nullable V value, @Nullable Headers headers, @Nullable Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = headers == null ? new RecordHeaders() : headers;
        this.recordTime = recordTime;
    }

    /** @throws IllegalArgumentException if the timestamp is negative */
    public TestRecord(@Nullable K key, @Nullable V value, @Nullable Headers headers, long timestampMs) {
        this(key, value, headers, checked(timestampMs));
    }

    public TestRecord(@Nullable K key, @Nullable V value, @Nullable Instant recordTime) {
        this(key, value, null, recordTime);
    }

    public TestRecord(@Nullable K key, @Nullable V value) {
        this(key, value, null, (Instant) null);
    }

    public TestRecord(@Nullable V value) {
        this(null, value, null, (Instant) null);
    }

    private static Instant checked(long timestampMs) {
        if (timestampMs < 0) {
            throw new IllegalArgumentException("timestampMs must be >= 0: " + timestampMs);
        }
        return Instant.ofEpochMilli(timestampMs);
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

    public @Nullable Instant getRecordTime() {
        return recordTime;
    }

    /** The record time in milliseconds, or null if unset. */
    public @Nullable Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof TestRecord<?, ?> r
                && Objects.equals(key, r.key)
                && Objects.equals(value, r.value)
                && headers.equals(r.headers)
                && Objects.equals(recordTime, r.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime
                + "]";
    }
}
