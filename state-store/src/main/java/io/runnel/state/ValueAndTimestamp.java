package io.runnel.state;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A value and the timestamp of the record that last wrote it: the value type of timestamped stores. */
public record ValueAndTimestamp<V>(V value, long timestamp) {
    public ValueAndTimestamp {
        Objects.requireNonNull(value, "value cannot be null");
    }

    /** Kafka's factory: {@code null} for a null value, so that a put of it deletes. */
    public static <V> @Nullable ValueAndTimestamp<V> make(@Nullable V value, long timestamp) {
        return value == null ? null : new ValueAndTimestamp<>(value, timestamp);
    }

    /** The plain value of a nullable {@code ValueAndTimestamp}. */
    public static <V> @Nullable V getValueOrNull(@Nullable ValueAndTimestamp<V> valueAndTimestamp) {
        return valueAndTimestamp == null ? null : valueAndTimestamp.value();
    }
}
