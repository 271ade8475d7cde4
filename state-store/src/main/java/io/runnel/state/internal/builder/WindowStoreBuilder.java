package io.runnel.state.internal.builder;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.StoreBuilder;
import io.runnel.state.TimestampedWindowStore;
import io.runnel.state.WindowBytesStoreSupplier;
import io.runnel.state.WindowStore;
import io.runnel.state.internal.typed.TypedWindowStore;
import io.runnel.state.internal.window.CachingWindowStore;
import io.runnel.state.internal.window.ChangeLoggingWindowStore;
import io.runnel.state.internal.window.WindowBytesStore;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds typed window stores (plain or timestamped) over a byte-level supplier. */
public final class WindowStoreBuilder<T extends WindowStore<?, ?>> implements StoreBuilder<T> {
    private static final Logger log = LoggerFactory.getLogger(WindowStoreBuilder.class);

    private final WindowBytesStoreSupplier supplier;
    private final Function<WindowStore<Bytes, byte[]>, T> typedFacade;
    private final BuilderOptions options;

    private WindowStoreBuilder(
            WindowBytesStoreSupplier supplier,
            Function<WindowStore<Bytes, byte[]>, T> typedFacade,
            BuilderOptions options) {
        this.supplier = supplier;
        this.typedFacade = typedFacade;
        this.options = options;
    }

    public static <K, V> WindowStoreBuilder<WindowStore<K, V>> plain(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        Objects.requireNonNull(keySerde, "keySerde cannot be null");
        Objects.requireNonNull(valueSerde, "valueSerde cannot be null");
        return new WindowStoreBuilder<>(
                supplier, bytes -> new TypedWindowStore<>(bytes, keySerde, valueSerde), BuilderOptions.DEFAULTS);
    }

    public static <K, V> WindowStoreBuilder<TimestampedWindowStore<K, V>> timestamped(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        Objects.requireNonNull(supplier, "supplier cannot be null");
        Objects.requireNonNull(keySerde, "keySerde cannot be null");
        Objects.requireNonNull(valueSerde, "valueSerde cannot be null");
        return new WindowStoreBuilder<>(
                supplier,
                bytes -> new TypedWindowStore.Timestamped<>(bytes, keySerde, valueSerde),
                BuilderOptions.DEFAULTS);
    }

    private WindowStoreBuilder<T> with(BuilderOptions next) {
        return new WindowStoreBuilder<>(supplier, typedFacade, next);
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
        WindowStore<Bytes, byte[]> store = supplier.get();
        boolean layered = store instanceof WindowBytesStore;
        if ((options.logging() || options.caching()) && !layered) {
            throw new IllegalArgumentException("store " + supplier.name()
                    + " does not come from Stores' window suppliers: disable logging and caching to use it");
        }
        if (options.logging()) {
            store = new ChangeLoggingWindowStore((WindowBytesStore) store);
        }
        if (options.caching()) {
            if (supplier.retainDuplicates()) {
                log.warn("Store {} retains duplicates: caching is disabled for it", supplier.name());
            } else {
                store = new CachingWindowStore((WindowBytesStore) store);
            }
        }
        return typedFacade.apply(store);
    }

    @Override
    public Map<String, String> logConfig() {
        return options.logConfig();
    }

    /** How long the store keeps a window or session, in milliseconds: the runtime sets its changelog's retention. */
    public long retentionPeriod() {
        return supplier.retentionPeriod();
    }

    @Override
    public boolean loggingEnabled() {
        return options.logging();
    }

    @Override
    public boolean cachingEnabled() {
        return options.caching() && !supplier.retainDuplicates();
    }

    @Override
    public String name() {
        return supplier.name();
    }
}
