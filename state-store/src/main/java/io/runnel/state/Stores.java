package io.runnel.state;

import io.runnel.common.serialization.Serde;
import io.runnel.state.internal.builder.KeyValueStoreBuilder;
import io.runnel.state.internal.builder.SessionStoreBuilder;
import io.runnel.state.internal.builder.StoreSuppliers;
import io.runnel.state.internal.builder.WindowStoreBuilder;
import java.time.Duration;
import java.util.Objects;

/**
 * The entry point for stores, with Kafka Streams' method names: suppliers of byte-level stores (RocksDB or in
 * memory), and builders that add the typed facade, the record cache and change logging.
 *
 * <pre>{@code
 * StoreBuilder<KeyValueStore<String, Long>> counts = Stores.keyValueStoreBuilder(
 *         Stores.persistentKeyValueStore("counts"), Serdes.String(), Serdes.Long())
 *     .withCachingEnabled();
 * }</pre>
 */
public final class Stores {
    /** Window and session stores are split into this many segments over their retention period, as in Kafka. */
    static final int NUM_SEGMENTS = 3;

    /** The smallest segment interval, as in Kafka: short retention periods still get one-minute segments. */
    static final long MIN_SEGMENT_INTERVAL_MS = 60_000L;

    private Stores() {}

    /** A RocksDB key-value store. */
    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return StoreSuppliers.rocksDBKeyValue(checkName(name));
    }

    /** A RocksDB key-value store for {@link #timestampedKeyValueStoreBuilder}. */
    public static KeyValueBytesStoreSupplier persistentTimestampedKeyValueStore(String name) {
        return StoreSuppliers.rocksDBKeyValue(checkName(name));
    }

    /** A sorted in-memory key-value store. */
    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return StoreSuppliers.inMemoryKeyValue(checkName(name));
    }

    /** An in-memory store of at most {@code maxCacheSize} keys that evicts the least recently used. */
    public static KeyValueBytesStoreSupplier lruMap(String name, int maxCacheSize) {
        return StoreSuppliers.lruMap(checkName(name), maxCacheSize);
    }

    /**
     * A RocksDB window store, one column family per time segment.
     *
     * @param retentionPeriod how long windows are kept, measured from the largest window start seen; at least
     *     {@code windowSize}
     * @param windowSize the size of the windows
     * @param retainDuplicates whether to keep every put (for stream-stream joins)
     */
    public static WindowBytesStoreSupplier persistentWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /** As {@link #persistentWindowStore}, for {@link #timestampedWindowStoreBuilder}. */
    public static WindowBytesStoreSupplier persistentTimestampedWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    /** An in-memory window store with the same segments and retention as the RocksDB one. */
    public static WindowBytesStoreSupplier inMemoryWindowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, false);
    }

    private static WindowBytesStoreSupplier windowStore(
            String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates, boolean persistent) {
        long retention = checkDuration(retentionPeriod, "retentionPeriod");
        long size = checkDuration(windowSize, "windowSize");
        if (retention < size) {
            throw new IllegalArgumentException("retentionPeriod (" + retention + " ms) must be at least windowSize ("
                    + size + " ms) for store " + name);
        }
        return StoreSuppliers.window(
                checkName(name), retention, segmentInterval(retention), size, retainDuplicates, persistent);
    }

    /** A RocksDB session store, one column family per time segment. */
    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        long retention = checkDuration(retentionPeriod, "retentionPeriod");
        return StoreSuppliers.session(checkName(name), retention, segmentInterval(retention), true);
    }

    /** An in-memory session store. */
    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        long retention = checkDuration(retentionPeriod, "retentionPeriod");
        return StoreSuppliers.session(checkName(name), retention, segmentInterval(retention), false);
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return KeyValueStoreBuilder.plain(supplier, keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
            KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return KeyValueStoreBuilder.timestamped(supplier, keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return WindowStoreBuilder.plain(supplier, keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
            WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return WindowStoreBuilder.timestamped(supplier, keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(
            SessionBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return SessionStoreBuilder.of(supplier, keySerde, valueSerde);
    }

    static long segmentInterval(long retention) {
        return Math.max(retention / (NUM_SEGMENTS - 1), MIN_SEGMENT_INTERVAL_MS);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name cannot be null");
        if (name.isEmpty() || !name.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "store name must be non-empty and use only [a-zA-Z0-9._-] (it names a directory and a topic): '"
                            + name + "'");
        }
        return name;
    }

    private static long checkDuration(Duration duration, String what) {
        Objects.requireNonNull(duration, () -> what + " cannot be null");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
        return duration.toMillis();
    }
}
