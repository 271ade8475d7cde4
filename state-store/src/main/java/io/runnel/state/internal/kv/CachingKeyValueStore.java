package io.runnel.state.internal.kv;

import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.CacheFlushListener;
import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.RecordCache;
import io.runnel.state.RecordCache.CachedValue;
import io.runnel.state.RecordCache.DirtyEntry;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.Preconditions;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import io.runnel.state.internal.iterator.MergedCacheIterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A write-back cache in front of a key-value store: writes go to the thread's {@link RecordCache} and reach the store
 * below (and so the changelog) when the cache is flushed at commit or evicts them; reads see the cache first and
 * scans merge the cache with the store below.
 *
 * <p>Not thread-safe for writes; the cache itself synchronizes, so query threads may read.
 */
public final class CachingKeyValueStore implements KeyValueStore<Bytes, byte[]>, CachedStateStore<Bytes, byte[]> {
    private final KeyValueStore<Bytes, byte[]> inner;
    private @Nullable StateStoreContext context;
    private @Nullable RecordCache cache;
    private String namespace = "";
    private @Nullable CacheFlushListener<Bytes, byte[]> flushListener;
    private boolean sendOldValues;

    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        this.context = context;
        this.namespace = context.taskId() + "-" + name();
        RecordCache recordCache = context.recordCache();
        recordCache.addNamespace(namespace, this::writeDown);
        this.cache = recordCache;
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        this.flushListener = listener;
        this.sendOldValues = sendOldValues;
        return true;
    }

    private void writeDown(List<DirtyEntry> entries) {
        CacheFlushListener<Bytes, byte[]> listener = flushListener;
        for (DirtyEntry entry : entries) {
            byte[] oldValue = listener != null && sendOldValues ? inner.get(entry.key()) : null;
            if (inner instanceof ChangeLoggingKeyValueStore) {
                ((ChangeLoggingKeyValueStore) inner).put(entry.key(), entry.value(), entry.timestamp());
            } else {
                inner.put(entry.key(), entry.value());
            }
            if (listener != null) {
                listener.apply(entry.key(), entry.value(), oldValue, entry.timestamp());
            }
        }
    }

    private RecordCache cache() {
        RecordCache c = cache;
        if (c == null || !inner.isOpen()) {
            throw Preconditions.notOpen(name());
        }
        return c;
    }

    private long timestamp() {
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        return ctx.timestamp();
    }

    @Override
    public byte @Nullable [] get(Bytes key) {
        requireKey(key);
        RecordCache c = cache();
        CachedValue cached = c.get(namespace, key);
        if (cached != null) {
            return cached.value();
        }
        byte[] value = inner.get(key);
        if (value != null) {
            c.putClean(namespace, key, value, timestamp());
        }
        return value;
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value) {
        requireKey(key);
        cache().put(namespace, key, value, timestamp());
    }

    @Override
    public byte @Nullable [] putIfAbsent(Bytes key, byte @Nullable [] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key(), entry.value());
        }
    }

    @Override
    public byte @Nullable [] delete(Bytes key) {
        byte[] existing = get(key);
        put(key, null);
        return existing;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return merged(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return merged(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return merged(null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return merged(null, null, false);
    }

    private KeyValueIterator<Bytes, byte[]> merged(@Nullable Bytes from, @Nullable Bytes to, boolean forward) {
        RecordCache c = cache();
        if (from != null && to != null && from.compareTo(to) > 0) {
            return ListKeyValueIterator.empty();
        }
        List<Map.Entry<Bytes, CachedValue>> cached = c.range(namespace, from, to, forward);
        KeyValueIterator<Bytes, byte[]> stored = forward ? inner.range(from, to) : inner.reverseRange(from, to);
        return MergedCacheIterator.of(cached, stored, forward);
    }

    @Override
    public <P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        RecordCache c = cache();
        Bytes from = Bytes.wrap(PrefixBytes.of(prefixSerializer, name(), requireKey(prefix)));
        Bytes upper = Bytes.prefixUpperBound(from);
        List<Map.Entry<Bytes, CachedValue>> cached = c.range(namespace, from, upper, true);
        if (upper != null
                && !cached.isEmpty()
                && cached.get(cached.size() - 1).getKey().equals(upper)) {
            cached = cached.subList(0, cached.size() - 1);
        }
        return MergedCacheIterator.of(cached, inner.prefixScan(prefix, prefixSerializer), true);
    }

    @Override
    public long approximateNumEntries() {
        cache();
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void flush() {
        cache().flush(namespace);
        inner.flush();
    }

    @Override
    public void close() {
        RecordCache c = cache;
        if (c == null) {
            inner.close();
            return;
        }
        cache = null;
        try {
            if (inner.isOpen()) {
                c.flush(namespace);
            }
        } finally {
            c.removeNamespace(namespace);
            inner.close();
        }
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return cache != null && inner.isOpen();
    }
}
