package io.runnel.common.serialization;

import java.io.Closeable;
import java.util.Map;

/**
 * A serializer and a deserializer of the same type, as Kafka's {@code Serde}.
 *
 * @param <T> the type
 */
public interface Serde<T> extends Closeable {
    Serializer<T> serializer();

    Deserializer<T> deserializer();

    /** Configures both halves. */
    default void configure(Map<String, ?> configs, boolean isKey) {
        serializer().configure(configs, isKey);
        deserializer().configure(configs, isKey);
    }

    /** Closes both halves. */
    @Override
    default void close() {
        serializer().close();
        deserializer().close();
    }
}
