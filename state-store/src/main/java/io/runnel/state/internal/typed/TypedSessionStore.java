package io.runnel.state.internal.typed;

import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.serialization.Serde;
import io.runnel.common.utils.Bytes;
import io.runnel.state.CacheFlushListener;
import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.SessionStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.Windowed;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import org.jspecify.annotations.Nullable;

/** The typed face of a session store: serializes keys and aggregates for the byte-level layers below. */
public final class TypedSessionStore<K, V> implements SessionStore<K, V>, CachedStateStore<Windowed<K>, V> {
    private final SessionStore<Bytes, byte[]> inner;
    private final StoreSerdes<K> keys;
    private final StoreSerdes<V> values;

    public TypedSessionStore(SessionStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        this.inner = inner;
        this.keys = new StoreSerdes<>(inner.name(), "key", keySerde);
        this.values = new StoreSerdes<>(inner.name(), "value", valueSerde);
    }

    public SessionStore<Bytes, byte[]> inner() {
        return inner;
    }

    private Bytes keyBytes(K key) {
        return Bytes.wrap(keys.toBytes(requireKey(key)));
    }

    private @Nullable Bytes boundBytes(@Nullable K bound) {
        return bound == null ? null : Bytes.wrap(keys.toBytes(bound));
    }

    private Windowed<Bytes> sessionBytes(Windowed<K> session) {
        requireKey(session);
        return new Windowed<>(keyBytes(session.key()), session.window());
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
    public void put(Windowed<K> sessionKey, @Nullable V aggregate) {
        inner.put(sessionBytes(sessionKey), aggregate == null ? null : values.toBytes(aggregate));
    }

    @Override
    public void remove(Windowed<K> sessionKey) {
        inner.remove(sessionBytes(sessionKey));
    }

    @Override
    public @Nullable V fetchSession(K key, long sessionStartTime, long sessionEndTime) {
        return value(inner.fetchSession(keyBytes(key), sessionStartTime, sessionEndTime));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(K key, long earliestEnd, long latestStart) {
        return typed(inner.findSessions(keyBytes(key), earliestEnd, latestStart));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(K key, long earliestEnd, long latestStart) {
        return typed(inner.backwardFindSessions(keyBytes(key), earliestEnd, latestStart));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> findSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestEnd, long latestStart) {
        return typed(inner.findSessions(boundBytes(keyFrom), boundBytes(keyTo), earliestEnd, latestStart));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFindSessions(
            @Nullable K keyFrom, @Nullable K keyTo, long earliestEnd, long latestStart) {
        return typed(inner.backwardFindSessions(boundBytes(keyFrom), boundBytes(keyTo), earliestEnd, latestStart));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(K key) {
        return typed(inner.fetch(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(K key) {
        return typed(inner.backwardFetch(keyBytes(key)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo) {
        return typed(inner.fetch(boundBytes(keyFrom), boundBytes(keyTo)));
    }

    @Override
    public KeyValueIterator<Windowed<K>, V> backwardFetch(@Nullable K keyFrom, @Nullable K keyTo) {
        return typed(inner.backwardFetch(boundBytes(keyFrom), boundBytes(keyTo)));
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
