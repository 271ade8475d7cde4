package io.runnel.state.internal.builder;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueBytesStoreSupplier;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StoreBuilder;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.state.internal.kv.CachingKeyValueStore;
import io.runnel.state.internal.kv.ChangeLoggingKeyValueStore;
import io.runnel.state.internal.typed.TypedKeyValueStore;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Builds typed key-value stores (plain or timestamped) over a byte-level supplier. */
public final class KeyValueStoreBuilder<T extends KeyValueStore<?, ?>> implements StoreBuilder<T> {
    private final KeyValueBytesStoreSupplier supplier;
    private final Function<KeyValueStore<Bytes, byte[]>, T> typedFacade;
    private final BuilderOptions options;

    private KeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier,
            Function<KeyValueStore<Bytes, byte[]>, T> typedFacade,
            BuilderOptions options) {
        this.supplier = supplier;
        this.typedFacade = typedFacade;
        this.options = options;
    }

    public static <K, V> KeyValueStoreBuilder<KeyValueStore<K, V>> plain(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        Objects.requireNonNull(keySerde, "keySerde cannot be null");
        Objects.requireNonNull(valueSerde, "valueSerde cannot be null");
        return new KeyValueStoreBuilder<>(
                supplier, bytes -> new TypedKeyValueStore<>(bytes, keySerde, valueSerde), BuilderOptions.DEFAULTS);
    }

    public static <K, V> KeyValueStoreBuilder<TimestampedKeyValueStore<K, V>> timestamped(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        Objects.requireNonNull(keySerde, "keySerde cannot be null");
        Objects.requireNonNull(valueSerde, "valueSerde cannot be null");
        return new KeyValueStoreBuilder<>(
                supplier,
                bytes -> new TypedKeyValueStore.Timestamped<>(bytes, keySerde, valueSerde),
                BuilderOptions.DEFAULTS);
    }

    private KeyValueStoreBuilder<T> with(BuilderOptions next) {
        return new KeyValueStoreBuilder<>(supplier, typedFacade, next);
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        return with(options.withCaching(true));
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        return with(options.withCaching(false));
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        return with(options.withLogging(true, Objects.requireNonNull(config, "config cannot be null")));
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        return with(options.withLogging(false, Map.of()));
    }

    @Override
    public T build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (options.logging()) {
            store = new ChangeLoggingKeyValueStore(store);
        }
        if (options.caching()) {
            store = new CachingKeyValueStore(store);
        }
        return typedFacade.apply(store);
    }

    @Override
    public Map<String, String> logConfig() {
        return options.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return options.logging();
    }

    @Override
    public boolean cachingEnabled() {
        return options.caching();
    }

    @Override
    public String name() {
        return supplier.name();
    }
}
