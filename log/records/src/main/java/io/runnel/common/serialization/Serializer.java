package io.runnel.common.serialization;

import io.runnel.common.header.Headers;
import java.io.Closeable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a key or value into bytes, as Kafka's {@code Serializer}. Called on the thread that sends; implementations
 * used by one producer must be thread-safe if the producer is shared between threads. Failures should be a
 * {@link io.runnel.common.errors.SerializationException}; the producer wraps any other exception into one.
 *
 * @param <T> the type serialized
 */
public interface Serializer<T> extends Closeable {
    /** Configures the serializer with the client's configuration; {@code isKey} says whether it serializes keys. */
    default void configure(Map<String, ?> configs, boolean isKey) {}

    /** The bytes of {@code data}, or null for a null {@code data}. */
    byte @Nullable [] serialize(String topic, @Nullable T data);

    /** As {@link #serialize(String, Object)}, with the record's headers, which the serializer may add to. */
    default byte @Nullable [] serialize(String topic, Headers headers, @Nullable T data) {
        return serialize(topic, data);
    }

    @Override
    default void close() {}
}
