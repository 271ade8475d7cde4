package io.runnel.streams.kstream;

import io.runnel.common.serialization.Serde;
import io.runnel.state.StateStore;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How an aggregation's store is built: its name (which names its changelog, {@code
 * <application.id>-<name>-changelog}), serdes, caching, logging, retention and whether it lives in RocksDB (the
 * default) or in memory. As in Kafka, caching and logging are on by default. Immutable: each {@code withX} copies.
 *
 * @param <S> the store type, as in Kafka's signature (the DSL picks the store from the operation)
 */
public class Materialized<K, V, S extends StateStore> {
    /** Where the store keeps its data. */
    public enum StoreType {
        ROCKS_DB,
        IN_MEMORY
    }

    protected final @Nullable String storeName;
    protected final @Nullable Serde<K> keySerde;
    protected final @Nullable Serde<V> valueSerde;
    protected final boolean cachingEnabled;
    protected final boolean loggingEnabled;
    protected final Map<String, String> topicConfig;
    protected final @Nullable Duration retention;
    protected final StoreType storeType;

    protected Materialized(
            @Nullable String storeName,
            @Nullable Serde<K> keySerde,
            @Nullable Serde<V> valueSerde,
            boolean cachingEnabled,
            boolean loggingEnabled,
            Map<String, String> topicConfig,
            @Nullable Duration retention,
            StoreType storeType) {
        this.storeName = storeName;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.cachingEnabled = cachingEnabled;
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
        this.retention = retention;
        this.storeType = storeType;
    }

    protected Materialized(Materialized<K, V, S> o) {
        this(
                o.storeName,
                o.keySerde,
                o.valueSerde,
                o.cachingEnabled,
                o.loggingEnabled,
                o.topicConfig,
                o.retention,
                o.storeType);
    }

    /** @throws IllegalArgumentException if the name is empty or has characters outside {@code [a-zA-Z0-9._-]} */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        return new Materialized<>(Named.check(storeName), null, null, true, true, Map.of(), null, StoreType.ROCKS_DB);
    }

    public static <K, V, S extends StateStore> Materialized<K, V, S> as(StoreType storeType) {
        Objects.requireNonNull(storeType, "storeType cannot be null");
        return new Materialized<>(null, null, null, true, true, Map.of(), null, storeType);
    }

    public static <K, V, S extends StateStore> Materialized<K, V, S> with(
            @Nullable Serde<K> keySerde, @Nullable Serde<V> valueSerde) {
        return new Materialized<>(null, keySerde, valueSerde, true, true, Map.of(), null, StoreType.ROCKS_DB);
    }

    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        return new Materialized<>(
                storeName, keySerde, valueSerde, cachingEnabled, loggingEnabled, topicConfig, retention, storeType);
    }

    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        return new Materialized<>(
                storeName, keySerde, valueSerde, cachingEnabled, loggingEnabled, topicConfig, retention, storeType);
    }

    public Materialized<K, V, S> withCachingEnabled() {
        return new Materialized<>(
                storeName, keySerde, valueSerde, true, loggingEnabled, topicConfig, retention, storeType);
    }

    public Materialized<K, V, S> withCachingDisabled() {
        return new Materialized<>(
                storeName, keySerde, valueSerde, false, loggingEnabled, topicConfig, retention, storeType);
    }

    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        return new Materialized<>(storeName, keySerde, valueSerde, cachingEnabled, true, config, retention, storeType);
    }

    public Materialized<K, V, S> withLoggingDisabled() {
        return new Materialized<>(
                storeName, keySerde, valueSerde, cachingEnabled, false, Map.of(), retention, storeType);
    }

    public Materialized<K, V, S> withStoreType(StoreType type) {
        Objects.requireNonNull(type, "storeType cannot be null");
        return new Materialized<>(
                storeName, keySerde, valueSerde, cachingEnabled, loggingEnabled, topicConfig, retention, type);
    }

    /**
     * How long a window or session store keeps data; at least window size + grace.
     *
     * @throws IllegalArgumentException if negative
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        Objects.requireNonNull(retention, "retention cannot be null");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("Retention must not be negative: " + retention);
        }
        return new Materialized<>(
                storeName, keySerde, valueSerde, cachingEnabled, loggingEnabled, topicConfig, retention, storeType);
    }
}
