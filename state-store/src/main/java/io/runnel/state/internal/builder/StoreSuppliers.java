package io.runnel.state.internal.builder;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueBytesStoreSupplier;
import io.runnel.state.KeyValueStore;
import io.runnel.state.SessionBytesStoreSupplier;
import io.runnel.state.SessionStore;
import io.runnel.state.WindowBytesStoreSupplier;
import io.runnel.state.WindowStore;
import io.runnel.state.internal.kv.InMemoryKeyValueStore;
import io.runnel.state.internal.kv.MemoryLRUStore;
import io.runnel.state.internal.kv.RocksDBKeyValueStore;
import io.runnel.state.internal.segment.InMemorySegmentStorage;
import io.runnel.state.internal.segment.RocksDBSegmentStorage;
import io.runnel.state.internal.segment.SegmentStorage;
import io.runnel.state.internal.session.SegmentedSessionStore;
import io.runnel.state.internal.window.SegmentedWindowStore;
import java.util.function.Function;
import java.util.function.Supplier;

/** The byte-level store suppliers {@link io.runnel.state.Stores} hands out. */
public final class StoreSuppliers {
    private StoreSuppliers() {}

    public static KeyValueBytesStoreSupplier rocksDBKeyValue(String name) {
        return keyValue(name, () -> new RocksDBKeyValueStore(name));
    }

    public static KeyValueBytesStoreSupplier inMemoryKeyValue(String name) {
        return keyValue(name, () -> new InMemoryKeyValueStore(name));
    }

    public static KeyValueBytesStoreSupplier lruMap(String name, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxCacheSize must be > 0: " + maxEntries);
        }
        return keyValue(name, () -> new MemoryLRUStore(name, maxEntries));
    }

    private static KeyValueBytesStoreSupplier keyValue(String name, Supplier<KeyValueStore<Bytes, byte[]>> factory) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return factory.get();
            }
        };
    }

    public static WindowBytesStoreSupplier window(
            String name,
            long retentionPeriod,
            long segmentInterval,
            long windowSize,
            boolean retainDuplicates,
            boolean persistent) {
        Function<String, SegmentStorage> storage =
                persistent ? RocksDBSegmentStorage::new : InMemorySegmentStorage::new;
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new SegmentedWindowStore(
                        name, retentionPeriod, segmentInterval, windowSize, retainDuplicates, storage.apply(name));
            }

            @Override
            public long segmentIntervalMs() {
                return segmentInterval;
            }

            @Override
            public long windowSize() {
                return windowSize;
            }

            @Override
            public boolean retainDuplicates() {
                return retainDuplicates;
            }

            @Override
            public long retentionPeriod() {
                return retentionPeriod;
            }
        };
    }

    public static SessionBytesStoreSupplier session(
            String name, long retentionPeriod, long segmentInterval, boolean persistent) {
        Function<String, SegmentStorage> storage =
                persistent ? RocksDBSegmentStorage::new : InMemorySegmentStorage::new;
        return new SessionBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SessionStore<Bytes, byte[]> get() {
                return new SegmentedSessionStore(name, retentionPeriod, segmentInterval, storage.apply(name));
            }

            @Override
            public long segmentIntervalMs() {
                return segmentInterval;
            }

            @Override
            public long retentionPeriod() {
                return retentionPeriod;
            }
        };
    }
}
