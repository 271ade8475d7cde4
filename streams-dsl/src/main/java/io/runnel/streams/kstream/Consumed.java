package io.runnel.streams.kstream;

import io.runnel.common.serialization.Serde;
import io.runnel.streams.processor.TimestampExtractor;
import org.jspecify.annotations.Nullable;

/** How a stream reads its topic: serdes, timestamp extractor, source name. Immutable: each {@code withX} copies. */
public class Consumed<K, V> {
    protected final @Nullable Serde<K> keySerde;
    protected final @Nullable Serde<V> valueSerde;
    protected final @Nullable TimestampExtractor timestampExtractor;
    protected final @Nullable String processorName;

    protected Consumed(
            @Nullable Serde<K> keySerde,
            @Nullable Serde<V> valueSerde,
            @Nullable TimestampExtractor timestampExtractor,
            @Nullable String processorName) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.processorName = processorName;
    }

    protected Consumed(Consumed<K, V> other) {
        this(other.keySerde, other.valueSerde, other.timestampExtractor, other.processorName);
    }

    public static <K, V> Consumed<K, V> with(@Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null);
    }

    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, timestampExtractor, null);
    }

    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, Named.check(processorName));
    }

    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, processorName);
    }

    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, Named.check(processorName));
    }
}
