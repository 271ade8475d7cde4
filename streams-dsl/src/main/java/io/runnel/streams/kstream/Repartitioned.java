package io.runnel.streams.kstream;

import io.runnel.common.serialization.Serde;
import org.jspecify.annotations.Nullable;

/**
 * How {@link KStream#repartition} writes its topic: the topic name ({@code <application.id>-<name>-repartition})
 * and serdes. Immutable: each {@code withX} copies.
 */
public class Repartitioned<K, V> {
    protected final @Nullable String name;
    protected final @Nullable Serde<K> keySerde;
    protected final @Nullable Serde<V> valueSerde;

    protected Repartitioned(@Nullable String name, @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        this.name = name;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    protected Repartitioned(Repartitioned<K, V> other) {
        this(other.name, other.keySerde, other.valueSerde);
    }

    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(Named.check(name), null, null);
    }

    public static <K, V> Repartitioned<K, V> with(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde);
    }

    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(Named.check(name), keySerde, valueSerde);
    }

    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde);
    }

    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde);
    }
}
