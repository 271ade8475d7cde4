package io.runnel.streams.kstream;

import io.runnel.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How a stream is grouped: the serdes of its repartition topic (if one is needed) and the name that topic takes,
 * {@code <application.id>-<name>-repartition}. Immutable: each {@code withX} copies.
 */
public class Grouped<K, V> {
    protected final @Nullable Serde<K> keySerde;
    protected final @Nullable Serde<V> valueSerde;
    protected final @Nullable String name;

    protected Grouped(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde, @Nullable String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.name = name;
    }

    protected Grouped(Grouped<K, V> other) {
        this(other.keySerde, other.valueSerde, other.name);
    }

    public static <K, V> Grouped<K, V> with(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Grouped<>(keySerde, valueSerde, null);
    }

    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(null, null, Named.check(name));
    }

    public static <K, V> Grouped<K, V> with(String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Grouped<>(keySerde, valueSerde, Named.check(name));
    }

    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(keySerde, valueSerde, name);
    }

    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(keySerde, valueSerde, name);
    }

    public Grouped<K, V> withName(String name) {
        return new Grouped<>(keySerde, valueSerde, Named.check(name));
    }
}
