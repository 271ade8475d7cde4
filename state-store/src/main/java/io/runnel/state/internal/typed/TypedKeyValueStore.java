package io.runnel.state.internal.typed;

import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.CacheFlushListener;
import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.state.ValueAndTimestamp;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The typed face of a key-value store (Kafka's {@code MeteredKeyValueStore} position): serializes keys and values
 * and hands bytes to the layers below. Checks null keys here so that users get the message at the API they called.
 *
 * <p>Not thread-safe for writes, like the layers below.
 */
public class TypedKeyValueStore<K, V> implements KeyValueStore<K, V>, CachedStateStore<K, V> {
    private final KeyValueStore<Bytes, byte[]> inner;
    private final StoreSerdes<K> keys;
    private final StoreSerdes<V> values;

    public TypedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.keys = new StoreSerdes<>(inner.name(), "key", keySerde);
        this.values = new StoreSerdes<>(inner.name(), "value", valueSerde);
    }

    /** The timestamped variant: values carry the writing record's timestamp. */
    public static final class Timestamped<K, V> extends TypedKeyValueStore<K, ValueAndTimestamp<V>>
            implements TimestampedKeyValueStore<K, V> {
        public Timestamped(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
            super(inner, keySerde, new ValueAndTimestampSerde<>(valueSerde));
        }
    }

    /** The byte-level store below this one. */
    public KeyValueStore<Bytes, byte[]> inner() {
        return inner;
    }

    private Bytes keyBytes(K key) {
        return Bytes.wrap(keys.toBytes(requireKey(key)));
    }

    private @Nullable Bytes boundBytes(@Nullable K bound) {
        return bound == null ? null : Bytes.wrap(keys.toBytes(bound));
    }

    private byte @Nullable [] valueBytes(@Nullable V value) {
        return value == null ? null : values.toBytes(value);
    }

    private @Nullable V value(byte @Nullable [] bytes) {
        return bytes == null ? null : values.fromBytes(bytes);
    }

    private KeyValueIterator<K, V> typed(KeyValueIterator<Bytes, byte[]> it) {
        return new MappedKeyValueIterator<>(
                it, kv -> new KeyValue<>(keys.fromBytes(kv.key().get()), values.fromBytes(kv.value())));
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        if (inner instanceof CachedStateStore) {
            return ((CachedStateStore<Bytes, byte[]>) inner)
                    .setFlushListener(
                            (key, newValue, oldValue, timestamp) -> listener.apply(
                                    keys.fromBytes(key.get()), value(newValue), value(oldValue), timestamp),
                            sendOldValues);
        }
        return false;
    }

    @Override
    public @Nullable V get(K key) {
        return value(inner.get(keyBytes(key)));
    }

    @Override
    public void put(K key, @Nullable V value) {
        inner.put(keyBytes(key), valueBytes(value));
    }

    @Override
    public @Nullable V putIfAbsent(K key, @Nullable V value) {
        return value(inner.putIfAbsent(keyBytes(key), valueBytes(value)));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        List<KeyValue<Bytes, byte[]>> bytes = new ArrayList<>(entries.size());
        for (KeyValue<K, V> entry : entries) {
            bytes.add(new KeyValue<>(keyBytes(entry.key()), values.toBytes(entry.value())));
        }
        inner.putAll(bytes);
    }

    @Override
    public @Nullable V delete(K key) {
        return value(inner.delete(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<K, V> range(@Nullable K from, @Nullable K to) {
        return typed(inner.range(boundBytes(from), boundBytes(to)));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(@Nullable K from, @Nullable K to) {
        return typed(inner.reverseRange(boundBytes(from), boundBytes(to)));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return typed(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return typed(inner.reverseAll());
    }

    @Override
    public <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        requireKey(prefix);
        return typed(inner.prefixScan(prefix, prefixSerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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
