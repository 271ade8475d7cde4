package io.runnel.state;

import io.runnel.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Read-only views of stores for interactive queries: the view exposes only reads, so a query cannot write to a
 * store by casting.
 */
public final class ReadOnlyViews {
    private ReadOnlyViews() {}

    public static <K, V> ReadOnlyKeyValueStore<K, V> of(KeyValueStore<K, V> store) {
        return new ReadOnlyKeyValueStore<>() {
            @Override
            public @Nullable V get(K key) {
                return store.get(key);
            }

            @Override
            public KeyValueIterator<K, V> range(@Nullable K from, @Nullable K to) {
                return store.range(from, to);
            }

            @Override
            public KeyValueIterator<K, V> reverseRange(@Nullable K from, @Nullable K to) {
                return store.reverseRange(from, to);
            }

            @Override
            public KeyValueIterator<K, V> all() {
                return store.all();
            }

            @Override
            public KeyValueIterator<K, V> reverseAll() {
                return store.reverseAll();
            }

            @Override
            public <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer) {
                return store.prefixScan(prefix, prefixSerializer);
            }

            @Override
            public long approximateNumEntries() {
                return store.approximateNumEntries();
            }
        };
    }

    public static <K, V> ReadOnlyWindowStore<K, V> of(WindowStore<K, V> store) {
        return new ReadOnlyWindowStore<>() {
            @Override
            public @Nullable V fetch(K key, long windowStartTime) {
                return store.fetch(key, windowStartTime);
            }

            @Override
            public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
                return store.fetch(key, timeFrom, timeTo);
            }

            @Override
            public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
                return store.backwardFetch(key, timeFrom, timeTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> fetch(
                    @Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
                return store.fetch(keyFrom, keyTo, timeFrom, timeTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFetch(
                    @Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
                return store.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
                return store.fetchAll(timeFrom, timeTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
                return store.backwardFetchAll(timeFrom, timeTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> all() {
                return store.all();
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardAll() {
                return store.backwardAll();
            }
        };
    }

    public static <K, V> ReadOnlySessionStore<K, V> of(SessionStore<K, V> store) {
        return new ReadOnlySessionStore<>() {
            @Override
            public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestEnd, long latestStart) {
                return store.findSessions(key, earliestEnd, latestStart);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestEnd, long latestStart) {
                return store.backwardFindSessions(key, earliestEnd, latestStart);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> findSessions(
                    @Nullable K keyFrom, @Nullable K keyTo, long earliestEnd, long latestStart) {
                return store.findSessions(keyFrom, keyTo, earliestEnd, latestStart);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFindSessions(
                    @Nullable K keyFrom, @Nullable K keyTo, long earliestEnd, long latestStart) {
                return store.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart);
            }

            @Override
            public @Nullable V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
                return store.fetchSession(key, sessionStartTime, sessionEndTime);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> fetch(K key) {
                return store.fetch(key);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
                return store.backwardFetch(key);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo) {
                return store.fetch(keyFrom, keyTo);
            }

            @Override
            public KeyValueIterator<Windowed<K>, V> backwardFetch(@Nullable K keyFrom, @Nullable K keyTo) {
                return store.backwardFetch(keyFrom, keyTo);
            }
        };
    }
}
