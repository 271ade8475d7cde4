package io.runnel.state.internal.query;

import io.runnel.state.KeyValueIterator;
import io.runnel.state.ReadOnlySessionStore;
import io.runnel.state.Windowed;
import io.runnel.state.internal.iterator.ConcatKeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one session store (one per task) as one: every query yields each instance's sessions in turn,
 * and a single-session lookup returns the first one found.
 *
 * <p>Thread-safe as far as the instances' read-only views are.
 */
public final class CompositeReadOnlySessionStore<K, V> implements ReadOnlySessionStore<K, V> {
    private final List<ReadOnlySessionStore<K, V>> stores;

    public CompositeReadOnlySessionStore(List<ReadOnlySessionStore<K, V>> stores) {
        this.stores = List.copyOf(stores);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(
            K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return concat(store -> store.findSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(
            K key, long earliestSessionEndTime, long latestSessionStartTime) {
        return concat(store -> store.backwardFindSessions(key, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return concat(store -> store.findSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return concat(
                store -> store.backwardFindSessions(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime));
    }

    @Override
    public @Nullable V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        for (ReadOnlySessionStore<K, V> store : stores) {
            V value = store.fetchSession(key, sessionStartTime, sessionEndTime);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return concat(store -> store.fetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return concat(store -> store.backwardFetch(key));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo) {
        return concat(store -> store.fetch(keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(@Nullable K keyFrom, @Nullable K keyTo) {
        return concat(store -> store.backwardFetch(keyFrom, keyTo));
    }

    private KeyValueIterator<Windowed<K>, V> concat(
            Function<ReadOnlySessionStore<K, V>, KeyValueIterator<Windowed<K>, V>> scan) {
        List<Supplier<KeyValueIterator<Windowed<K>, V>>> sources = new ArrayList<>();
        for (ReadOnlySessionStore<K, V> store : stores) {
            sources.add(() -> scan.apply(store));
        }
        return new ConcatKeyValueIterator<>(sources);
    }
}
