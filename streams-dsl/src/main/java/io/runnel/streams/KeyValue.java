package io.runnel.streams;

import org.jspecify.annotations.Nullable;

/**
 * A key-value pair as the DSL passes it around ({@code map}, {@code flatMap}, test driver reads). Unlike the state
 * store's {@code io.runnel.state.KeyValue}, key and value may be null, as in Kafka's {@code KeyValue}.
 */
public record KeyValue<K, V>(@Nullable K key, @Nullable V value) {

    /** Creates a pair; the name mirrors Kafka's {@code KeyValue.pair}. */
    public static <K, V> KeyValue<K, V> pair(@Nullable K key, @Nullable V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
