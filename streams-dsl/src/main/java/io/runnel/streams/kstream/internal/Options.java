package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.state.StateStore;
import io.runnel.streams.kstream.Branched;
import io.runnel.streams.kstream.Consumed;
import io.runnel.streams.kstream.Grouped;
import io.runnel.streams.kstream.KStream;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Produced;
import io.runnel.streams.kstream.Repartitioned;
import io.runnel.streams.processor.TimestampExtractor;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Read access to the DSL's option objects, which keep their fields off the public API (as Kafka's …Internal). */
final class Options {
    private Options() {}

    static final class NamedInternal extends Named {
        NamedInternal(Named named) {
            super(named);
        }

        @Nullable
        String name() {
            return name;
        }
    }

    static final class ConsumedInternal<K, V> extends Consumed<K, V> {
        ConsumedInternal(Consumed<K, V> c) {
            super(c);
        }

        @Nullable
        Serde<K> keySerde() {
            return keySerde;
        }

        @Nullable
        Serde<V> valueSerde() {
            return valueSerde;
        }

        @Nullable
        TimestampExtractor timestampExtractor() {
            return timestampExtractor;
        }

        @Nullable
        String name() {
            return processorName;
        }
    }

    static final class ProducedInternal<K, V> extends Produced<K, V> {
        ProducedInternal(Produced<K, V> p) {
            super(p);
        }

        @Nullable
        Serde<K> keySerde() {
            return keySerde;
        }

        @Nullable
        Serde<V> valueSerde() {
            return valueSerde;
        }

        @Nullable
        String name() {
            return processorName;
        }
    }

    static final class GroupedInternal<K, V> extends Grouped<K, V> {
        GroupedInternal(Grouped<K, V> g) {
            super(g);
        }

        @Nullable
        Serde<K> keySerde() {
            return keySerde;
        }

        @Nullable
        Serde<V> valueSerde() {
            return valueSerde;
        }

        @Nullable
        String name() {
            return name;
        }
    }

    static final class MaterializedInternal<K, V, S extends StateStore> extends Materialized<K, V, S> {
        MaterializedInternal(Materialized<K, V, S> m) {
            super(m);
        }

        @Nullable
        String storeName() {
            return storeName;
        }

        @Nullable
        Serde<K> keySerde() {
            return keySerde;
        }

        @Nullable
        Serde<V> valueSerde() {
            return valueSerde;
        }

        boolean cachingEnabled() {
            return cachingEnabled;
        }

        boolean loggingEnabled() {
            return loggingEnabled;
        }

        Map<String, String> topicConfig() {
            return topicConfig;
        }

        @Nullable
        Duration retention() {
            return retention;
        }

        boolean inMemory() {
            return storeType == StoreType.IN_MEMORY;
        }
    }

    static final class RepartitionedInternal<K, V> extends Repartitioned<K, V> {
        RepartitionedInternal(Repartitioned<K, V> r) {
            super(r);
        }

        @Nullable
        String name() {
            return name;
        }

        @Nullable
        Serde<K> keySerde() {
            return keySerde;
        }

        @Nullable
        Serde<V> valueSerde() {
            return valueSerde;
        }
    }

    static final class BranchedInternal<K, V> extends Branched<K, V> {
        BranchedInternal(Branched<K, V> b) {
            super(b);
        }

        @Nullable
        String name() {
            return name;
        }

        @Nullable
        Function<? super KStream<K, V>, ? extends @Nullable KStream<K, V>> function() {
            return chainFunction;
        }

        @Nullable
        Consumer<? super KStream<K, V>> consumer() {
            return chainConsumer;
        }
    }
}
