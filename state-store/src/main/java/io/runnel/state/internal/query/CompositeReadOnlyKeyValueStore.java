package io.runnel.state.internal.query;

import io.runnel.common.serialization.Serializer;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.ReadOnlyKeyValueStore;
import io.runnel.state.internal.iterator.ConcatKeyValueIterator;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one key-value store (one per task) as one: a lookup asks each instance until one has the key;
 * scans yield each instance's pairs in turn (so the order is by key within an instance only, as in Kafka). Values are
 * mapped on the way out ({@code ValueAndTimestamp} to the plain value, or identity).
 *
 * <p>Thread-safe as far as the instances' read-only views are.
 */
public final class CompositeReadOnlyKeyValueStore<K, S, V> implements ReadOnlyKeyValueStore<K, V> {
    private final List<ReadOnlyKeyValueStore<K, S>> stores;
    private final Function<S, V> values;

    public CompositeReadOnlyKeyValueStore(List<ReadOnlyKeyValueStore<K, S>> stores, Function<S, V> values) {
        this.stores = List.copyOf(stores);
        this.values = values;
    }

    @Override
    public @Nullable V get(K key) {
        Objects.requireNonNull(key, "key cannot be null");
        for (ReadOnlyKeyValueStore<K, S> store : stores) {
            S value = store.get(key);
            if (value != null) {
                return values.apply(value);
            }
        }
        return null;
    }

    @Override
    public KeyValueIterator<K, V> range(@Nullable K from, @Nullable K to) {
        return concat(store -> store.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(@Nullable K from, @Nullable K to) {
        return concat(store -> store.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return concat(ReadOnlyKeyValueStore::all);
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return concat(ReadOnlyKeyValueStore::reverseAll);
    }

    @Override
    public <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        return concat(store -> store.prefixScan(prefix, prefixSerializer));
    }

    @Override
    public long approximateNumEntries() {
        long total = 0;
        for (ReadOnlyKeyValueStore<K, S> store : stores) {
            total += store.approximateNumEntries();
            if (total < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private KeyValueIterator<K, V> concat(Function<ReadOnlyKeyValueStore<K, S>, KeyValueIterator<K, S>> scan) {
        List<java.util.function.Supplier<KeyValueIterator<K, S>>> sources = new ArrayList<>();
        for (ReadOnlyKeyValueStore<K, S> store : stores) {
            sources.add(() -> scan.apply(store));
        }
        return new MappedKeyValueIterator<>(
                new ConcatKeyValueIterator<>(sources), kv -> new KeyValue<>(kv.key(), values.apply(kv.value())));
    }
}
