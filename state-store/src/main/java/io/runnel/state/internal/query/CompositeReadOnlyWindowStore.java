package io.runnel.state.internal.query;

import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.ReadOnlyWindowStore;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.state.internal.iterator.ConcatKeyValueIterator;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import io.runnel.state.internal.window.WindowStoreIteratorAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one window store (one per task) as one. A key lives in one instance, so a single-key fetch
 * returns the first instance's non-empty result; multi-key fetches yield each instance's windows in turn.
 *
 * <p>Thread-safe as far as the instances' read-only views are.
 */
public final class CompositeReadOnlyWindowStore<K, S, V> implements ReadOnlyWindowStore<K, V> {
    private final List<ReadOnlyWindowStore<K, S>> stores;
    private final Function<S, V> values;

    public CompositeReadOnlyWindowStore(List<ReadOnlyWindowStore<K, S>> stores, Function<S, V> values) {
        this.stores = List.copyOf(stores);
        this.values = values;
    }

    @Override
    public @Nullable V fetch(K key, long windowStartTime) {
        for (ReadOnlyWindowStore<K, S> store : stores) {
            S value = store.fetch(key, windowStartTime);
            if (value != null) {
                return values.apply(value);
            }
        }
        return null;
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return firstNonEmpty(store -> store.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return firstNonEmpty(store -> store.backwardFetch(key, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
        return concat(store -> store.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(
            @Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
        return concat(store -> store.backwardFetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return concat(store -> store.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return concat(store -> store.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return concat(ReadOnlyWindowStore::all);
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return concat(ReadOnlyWindowStore::backwardAll);
    }

    private WindowStoreIterator<V> firstNonEmpty(Function<ReadOnlyWindowStore<K, S>, WindowStoreIterator<S>> fetch) {
        WindowStoreIterator<S> found = null;
        for (ReadOnlyWindowStore<K, S> store : stores) {
            WindowStoreIterator<S> it = fetch.apply(store);
            if (it.hasNext()) {
                found = it;
                break;
            }
            it.close();
        }
        if (found == null) {
            return new WindowStoreIteratorAdapter<>(new ConcatKeyValueIterator<Long, V>(List.of()));
        }
        return new WindowStoreIteratorAdapter<>(
                new MappedKeyValueIterator<>(found, kv -> new KeyValue<>(kv.key(), values.apply(kv.value()))));
    }

    private KeyValueIterator<Windowed<K>, V> concat(
            Function<ReadOnlyWindowStore<K, S>, KeyValueIterator<Windowed<K>, S>> scan) {
        List<Supplier<KeyValueIterator<Windowed<K>, S>>> sources = new ArrayList<>();
        for (ReadOnlyWindowStore<K, S> store : stores) {
            sources.add(() -> scan.apply(store));
        }
        return new MappedKeyValueIterator<>(
                new ConcatKeyValueIterator<>(sources), kv -> new KeyValue<>(kv.key(), values.apply(kv.value())));
    }
}
