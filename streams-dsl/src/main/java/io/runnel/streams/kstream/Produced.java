package io.runnel.streams.kstream;

import io.runnel.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/** How a stream writes to a topic: serdes and sink name. Immutable: each {@code withX} copies. */
public class Produced<K, V> {
    protected final @Nullable Serde<K> keySerde;
    protected final @Nullable Serde<V> valueSerde;
    protected final @Nullable String processorName;

    protected Produced(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde, @Nullable String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.processorName = processorName;
    }

    protected Produced(Produced<K, V> other) {
        this(other.keySerde, other.valueSerde, other.processorName);
    }

    public static <K, V> Produced<K, V> with(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null);
    }

    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, Named.check(processorName));
    }

    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null);
    }

    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null);
    }

    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, valueSerde, processorName);
    }

    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, processorName);
    }

    public Produced<K, V> withName(String processorName) {
        return new Produced<>(keySerde, valueSerde, Named.check(processorName));
    }
}
