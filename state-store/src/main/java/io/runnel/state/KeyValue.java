package io.runnel.state;

import java.util.Objects;

/**
 * A key and its value, as returned by store iterators.
 *
 * @param key the key, never null
 * @param value the value, never null (deleted keys are not returned)
 */
public record KeyValue<K, V>(K key, V value) {
    public KeyValue {
        Objects.requireNonNull(key, "key cannot be null");
        Objects.requireNonNull(value, "value cannot be null");
    }

    /** Static factory that reads like Kafka's {@code KeyValue.pair}. */
    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }
}
