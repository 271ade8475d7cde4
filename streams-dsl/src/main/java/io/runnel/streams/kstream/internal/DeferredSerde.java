package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serializer;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.errors.StreamsException;
import org.jspecify.annotations.Nullable;

/**
 * A store serde the DSL could not know when the store was declared (no serde given anywhere up the stream): it is
 * the config's default key or value serde, resolved when a runtime builds the topology's tasks. If one topology is
 * run under two configs with different defaults, the last one resolved wins.
 */
final class DeferredSerde<T> implements Serde<T> {
    private final boolean key;
    private final String store;
    private volatile @Nullable Serde<T> resolved;

    DeferredSerde(boolean key, String store) {
        this.key = key;
        this.store = store;
    }

    @SuppressWarnings("unchecked")
    void resolve(StreamsConfig config) {
        io.runnel.common.serialization.Serde<?> serde = key ? config.defaultKeySerde() : config.defaultValueSerde();
        if (serde == null) {
            String what = key ? "key" : "value";
            throw new StreamsException("Store " + store + " has no " + what + " serde (give one with Materialized,"
                    + " Grouped or Consumed) and the config sets no default." + what + ".serde");
        }
        resolved = (io.runnel.common.serialization.Serde<T>) serde;
    }

    private Serde<T> serde() {
        Serde<T> s = resolved;
        if (s == null) {
            throw new IllegalStateException("The default serde of store " + store + " is used before it is resolved");
        }
        return s;
    }

    @Override
    public Serializer<T> serializer() {
        return serde().serializer();
    }

    @Override
    public Deserializer<T> deserializer() {
        return serde().deserializer();
    }
}
