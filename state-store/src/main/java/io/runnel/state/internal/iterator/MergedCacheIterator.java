package io.runnel.state.internal.iterator;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.RecordCache.CachedValue;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Merges a snapshot of cache entries with an iterator of the store below, both in the same order: where both hold a
 * key the cache wins, and a cached delete hides the store's value.
 *
 * <p>Window and session caches key entries by {@code [segment id][store key]} so that cache order matches the
 * store's segment-major order; {@code toCacheKey} and {@code toStoreKey} convert between the two (identity for
 * key-value stores). Returned keys are store keys. Owns and closes the store iterator.
 */
public final class MergedCacheIterator extends AbstractKeyValueIterator<Bytes, byte[]> {
    private final Iterator<Map.Entry<Bytes, CachedValue>> cache;
    private final KeyValueIterator<Bytes, byte[]> store;
    private final UnaryOperator<Bytes> toCacheKey;
    private final UnaryOperator<Bytes> toStoreKey;
    private final boolean forward;
    private Map.@Nullable Entry<Bytes, CachedValue> nextCached;
    private @Nullable KeyValue<Bytes, byte[]> nextStored;

    public MergedCacheIterator(
            List<Map.Entry<Bytes, CachedValue>> cacheEntries,
            KeyValueIterator<Bytes, byte[]> store,
            UnaryOperator<Bytes> toCacheKey,
            UnaryOperator<Bytes> toStoreKey,
            boolean forward) {
        this.cache = cacheEntries.iterator();
        this.store = store;
        this.toCacheKey = toCacheKey;
        this.toStoreKey = toStoreKey;
        this.forward = forward;
    }

    /** A merge for key-value stores, whose cache keys are store keys. */
    public static MergedCacheIterator of(
            List<Map.Entry<Bytes, CachedValue>> cacheEntries, KeyValueIterator<Bytes, byte[]> store, boolean forward) {
        return new MergedCacheIterator(
                cacheEntries, store, UnaryOperator.identity(), UnaryOperator.identity(), forward);
    }

    @Override
    protected @Nullable KeyValue<Bytes, byte[]> computeNext() {
        while (true) {
            if (nextCached == null && cache.hasNext()) {
                nextCached = cache.next();
            }
            if (nextStored == null && store.hasNext()) {
                nextStored = store.next();
            }
            Map.Entry<Bytes, CachedValue> cached = nextCached;
            KeyValue<Bytes, byte[]> stored = nextStored;
            if (cached == null && stored == null) {
                return null;
            }
            if (cached == null) {
                nextStored = null;
                return stored;
            }
            int cmp = stored == null ? -1 : compare(cached.getKey(), toCacheKey.apply(stored.key()));
            if (cmp > 0) {
                nextStored = null;
                return stored;
            }
            nextCached = null;
            if (cmp == 0) {
                nextStored = null;
            }
            byte[] value = cached.getValue().value();
            if (value != null) {
                return new KeyValue<>(toStoreKey.apply(cached.getKey()), value);
            }
        }
    }

    /** Negative when the cached key comes first in iteration order. */
    private int compare(Bytes cacheKey, Bytes storeKeyAsCacheKey) {
        int cmp = cacheKey.compareTo(storeKeyAsCacheKey);
        return forward ? cmp : -cmp;
    }

    @Override
    protected void closeResources() {
        store.close();
    }
}
