package io.runnel.state.internal.builder;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.SessionBytesStoreSupplier;
import io.runnel.state.SessionStore;
import io.runnel.state.StoreBuilder;
import io.runnel.state.internal.session.CachingSessionStore;
import io.runnel.state.internal.session.ChangeLoggingSessionStore;
import io.runnel.state.internal.session.SessionBytesStore;
import io.runnel.state.internal.typed.TypedSessionStore;
import java.util.Map;
import java.util.Objects;

/** Builds typed session stores over a byte-level supplier. */
public final class SessionStoreBuilder<K, V> implements StoreBuilder<SessionStore<K, V>> {
    private final SessionBytesStoreSupplier supplier;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final BuilderOptions options;

    private SessionStoreBuilder(
            SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde, BuilderOptions options) {
        this.supplier = supplier;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.options = options;
    }

    public static <K, V> SessionStoreBuilder<K, V> of(
            SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new SessionStoreBuilder<>(
                Objects.requireNonNull(supplier, "supplier cannot be null"),
                Objects.requireNonNull(keySerde, "keySerde cannot be null"),
                Objects.requireNonNull(valueSerde, "valueSerde cannot be null"),
                BuilderOptions.DEFAULTS);
    }

    private SessionStoreBuilder<K, V> with(BuilderOptions next) {
        return new SessionStoreBuilder<>(supplier, keySerde, valueSerde, next);
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withCachingEnabled() {
        return with(options.withCaching(true));
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withCachingDisabled() {
        return with(options.withCaching(false));
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingEnabled(Map<String, String> config) {
        return with(options.withLogging(true, Objects.requireNonNull(config, "config cannot be null")));
    }

    @Override
    public StoreBuilder<SessionStore<K, V>> withLoggingDisabled() {
        return with(options.withLogging(false, Map.of()));
    }

    @Override
    public SessionStore<K, V> build() {
        SessionStore<Bytes, byte[]> store = supplier.get();
        if ((options.logging() || options.caching()) && !(store instanceof SessionBytesStore)) {
            throw new IllegalArgumentException("store " + supplier.name()
                    + " does not come from Stores' session suppliers: disable logging and caching to use it");
        }
        if (options.logging()) {
            store = new ChangeLoggingSessionStore((SessionBytesStore) store);
        }
        if (options.caching()) {
            store = new CachingSessionStore((SessionBytesStore) store);
        }
        return new TypedSessionStore<>(store, keySerde, valueSerde);
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
        return options.caching();
    }

    @Override
    public String name() {
        return supplier.name();
    }
}
