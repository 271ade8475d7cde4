package io.runnel.common.serialization;

import io.runnel.common.header.Headers;
import java.io.Closeable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns bytes back into a key or value, as Kafka's {@code Deserializer}. Called on the consumer's thread. Failures
 * should be a {@link io.runnel.common.errors.SerializationException}; the consumer wraps any other exception into one,
 * naming the partition and offset.
 *
 * @param <T> the type deserialized
 */
public interface Deserializer<T> extends Closeable {
    /** Configures the deserializer with the client's configuration; {@code isKey} says whether it reads keys. */
    default void configure(Map<String, ?> configs, boolean isKey) {}

    /** The value of {@code data}; null data (a null key or a tombstone) gives null for the built-in types. */
    @Nullable
    T deserialize(String topic, byte @Nullable [] data);

    /** As {@link #deserialize(String, byte[])}, with the record's headers. */
    default @Nullable T deserialize(String topic, Headers headers, byte @Nullable [] data) {
        return deserialize(topic, data);
    }

    @Override
    default void close() {}
}
