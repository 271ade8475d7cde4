package io.runnel.state.internal.typed;

import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.CacheFlushListener;
import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.TimestampedWindowStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.state.WindowStore;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import io.runnel.state.internal.window.WindowStoreIteratorAdapter;
import org.jspecify.annotations.Nullable;

/** The typed face of a window store: serializes keys and values for the byte-level layers below. */
public class TypedWindowStore<K, V> implements WindowStore<K, V>, CachedStateStore<Windowed<K>, V> {
    private final WindowStore<Bytes, byte[]> inner;
    private final StoreSerdes<K> keys;
    private final StoreSerdes<V> values;

    public TypedWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.keys = new StoreSerdes<>(inner.name(), "key", keySerde);
        this.values = new StoreSerdes<>(inner.name(), "value", valueSerde);
    }

    /** The timestamped variant. */
    public static final class Timestamped<K, V> extends TypedWindowStore<K, ValueAndTimestamp<V>>
            implements TimestampedWindowStore<K, V> {
        public Timestamped(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
            super(inner, keySerde, new ValueAndTimestampSerde<>(valueSerde));
        }
    }

    public WindowStore<Bytes, byte[]> inner() {
        return inner;
    }

    private Bytes keyBytes(K key) {
        return Bytes.wrap(keys.toBytes(requireKey(key)));
    }

    private @Nullable Bytes boundBytes(@Nullable K bound) {
        return bound == null ? null : Bytes.wrap(keys.toBytes(bound));
    }

    private @Nullable V value(byte @Nullable [] bytes) {
        return bytes == null ? null : values.fromBytes(bytes);
    }

    private Windowed<K> windowed(Windowed<Bytes> key) {
        return new Windowed<>(keys.fromBytes(key.key().get()), key.window());
    }

    private KeyValueIterator<Windowed<K>, V> typed(KeyValueIterator<Windowed<Bytes>, byte[]> it) {
        return new MappedKeyValueIterator<>(it, kv -> new KeyValue<>(windowed(kv.key()), values.fromBytes(kv.value())));
    }

    private WindowStoreIterator<V> typedValues(WindowStoreIterator<byte[]> it) {
        return new WindowStoreIteratorAdapter<>(
                new MappedKeyValueIterator<>(it, kv -> new KeyValue<>(kv.key(), values.fromBytes(kv.value()))));
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setFlushListener(CacheFlushListener<Windowed<K>, V> listener, boolean sendOldValues) {
        if (inner instanceof CachedStateStore) {
            return ((CachedStateStore<Windowed<Bytes>, byte[]>) inner)
                    .setFlushListener(
                            (key, newValue, oldValue, timestamp) ->
                                    listener.apply(windowed(key), value(newValue), value(oldValue), timestamp),
                            sendOldValues);
        }
        return false;
    }

    @Override
    public void put(K key, @Nullable V value, long windowStartTime) {
        inner.put(keyBytes(key), value == null ? null : values.toBytes(value), windowStartTime);
    }

    @Override
    public @Nullable V fetch(K key, long windowStartTime) {
        return value(inner.fetch(keyBytes(key), windowStartTime));
    }

    @Override
    public WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo) {
        return typedValues(inner.fetch(keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo) {
        return typedValues(inner.backwardFetch(keyBytes(key), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
        return typed(inner.fetch(boundBytes(keyFrom), boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(
            @Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo) {
        return typed(inner.backwardFetch(boundBytes(keyFrom), boundBytes(keyTo), timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo) {
        return typed(inner.fetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo) {
        return typed(inner.backwardFetchAll(timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> all() {
        return typed(inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardAll() {
        return typed(inner.backwardAll());
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
