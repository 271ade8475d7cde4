package io.runnel.state.internal.window;

import static io.runnel.state.internal.Preconditions.requireKey;
import static io.runnel.state.internal.Preconditions.requireTimestamp;

import io.runnel.common.utils.Bytes;
import io.runnel.state.CacheFlushListener;
import io.runnel.state.CachedStateStore;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.RecordCache;
import io.runnel.state.RecordCache.CachedValue;
import io.runnel.state.RecordCache.DirtyEntry;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.state.internal.Preconditions;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import io.runnel.state.internal.iterator.MergedCacheIterator;
import io.runnel.state.internal.segment.SegmentedCacheKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A write-back cache in front of a window store (not used when duplicates are retained: every put must reach the
 * store). Entries are keyed {@code [segment id][store key]} (see {@link SegmentedCacheKey}), so scans merge the cache
 * with the store below in the store's order. This layer applies the same retention as the store below: it tracks the
 * largest window start it has seen, drops expired puts and never returns expired windows.
 *
 * <p>Not thread-safe for writes.
 */
public final class CachingWindowStore implements WindowBytesStore, CachedStateStore<Windowed<Bytes>, byte[]> {
    private final WindowBytesStore inner;
    private @Nullable StateStoreContext context;
    private @Nullable RecordCache cache;
    private String namespace = "";
    private long observedStreamTime = -1;
    private @Nullable CacheFlushListener<Windowed<Bytes>, byte[]> flushListener;
    private boolean sendOldValues;

    public CachingWindowStore(WindowBytesStore inner) {
        if (inner.retainDuplicates()) {
            throw new IllegalArgumentException("a window store that retains duplicates cannot be cached");
        }
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
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> listener, boolean sendOldValues) {
        this.flushListener = listener;
        this.sendOldValues = sendOldValues;
        return true;
    }

    private void writeDown(List<DirtyEntry> entries) {
        CacheFlushListener<Windowed<Bytes>, byte[]> listener = flushListener;
        for (DirtyEntry entry : entries) {
            Bytes storeKey = SegmentedCacheKey.storeKey(entry.key());
            Bytes key = WindowKeySchema.extractKey(storeKey);
            long start = WindowKeySchema.extractWindowStart(storeKey);
            byte[] oldValue = listener != null && sendOldValues ? inner.fetch(key, start) : null;
            if (inner instanceof ChangeLoggingWindowStore) {
                ((ChangeLoggingWindowStore) inner).put(key, entry.value(), start, entry.timestamp());
            } else {
                inner.put(key, entry.value(), start);
            }
            if (listener != null) {
                listener.apply(
                        WindowKeySchema.toWindowed(storeKey, windowSize()), entry.value(), oldValue, entry.timestamp());
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

    private long minLiveTime() {
        return Math.max(observedStreamTime, inner.observedStreamTime()) - retentionPeriod() + 1;
    }

    private long segmentId(long time) {
        return time / segmentInterval();
    }

    private Bytes cacheKey(Bytes storeKey) {
        return SegmentedCacheKey.of(segmentId(WindowKeySchema.extractWindowStart(storeKey)), storeKey);
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value, long windowStartTime) {
        requireKey(key);
        requireTimestamp(windowStartTime, "windowStartTime");
        RecordCache c = cache();
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        observedStreamTime = Math.max(observedStreamTime, windowStartTime);
        if (windowStartTime < minLiveTime()) {
            return;
        }
        c.put(namespace, cacheKey(WindowKeySchema.toStoreKey(key, windowStartTime, 0)), value, ctx.timestamp());
    }

    @Override
    public byte @Nullable [] fetch(Bytes key, long windowStartTime) {
        requireKey(key);
        RecordCache c = cache();
        if (windowStartTime < minLiveTime()) {
            return null;
        }
        CachedValue cached = c.get(namespace, cacheKey(WindowKeySchema.toStoreKey(key, windowStartTime, 0)));
        return cached != null ? cached.value() : inner.fetch(key, windowStartTime);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, false);
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean forward) {
        requireKey(key);
        KeyValueIterator<Bytes, byte[]> stored = new MappedKeyValueIterator<>(
                forward ? inner.fetch(key, timeFrom, timeTo) : inner.backwardFetch(key, timeFrom, timeTo),
                kv -> new KeyValue<>(WindowKeySchema.toStoreKey(key, kv.key(), 0), kv.value()));
        KeyValueIterator<Bytes, byte[]> merged =
                merge(stored, timeFrom, timeTo, forward, storeKey -> WindowKeySchema.keyEquals(storeKey, key));
        return new WindowStoreIteratorAdapter<>(new MappedKeyValueIterator<>(
                merged, kv -> new KeyValue<>(WindowKeySchema.extractWindowStart(kv.key()), kv.value())));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return fetchRange(keyFrom, keyTo, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return fetchRange(null, null, timeFrom, timeTo, false);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return fetchRange(null, null, 0, Long.MAX_VALUE, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> fetchRange(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo, boolean forward) {
        KeyValueIterator<Windowed<Bytes>, byte[]> below = forward
                ? inner.fetch(keyFrom, keyTo, timeFrom, timeTo)
                : inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
        KeyValueIterator<Bytes, byte[]> stored = new MappedKeyValueIterator<>(
                below,
                kv -> new KeyValue<>(
                        WindowKeySchema.toStoreKey(
                                kv.key().key(), kv.key().window().start(), 0),
                        kv.value()));
        KeyValueIterator<Bytes, byte[]> merged = merge(
                stored, timeFrom, timeTo, forward, storeKey -> WindowKeySchema.keyInRange(storeKey, keyFrom, keyTo));
        return new MappedKeyValueIterator<>(
                merged, kv -> new KeyValue<>(WindowKeySchema.toWindowed(kv.key(), windowSize()), kv.value()));
    }

    /** Merges the cached entries of the live time range that {@code keep} accepts with the store's entries. */
    private KeyValueIterator<Bytes, byte[]> merge(
            KeyValueIterator<Bytes, byte[]> stored,
            long timeFrom,
            long timeTo,
            boolean forward,
            Predicate<Bytes> keep) {
        RecordCache c = cache();
        long from = Math.max(Math.max(timeFrom, minLiveTime()), 0);
        if (from > timeTo) {
            stored.close();
            return ListKeyValueIterator.empty();
        }
        List<Map.Entry<Bytes, CachedValue>> cached = new ArrayList<>();
        for (Map.Entry<Bytes, CachedValue> entry : c.range(
                namespace,
                SegmentedCacheKey.segmentStart(segmentId(from)),
                SegmentedCacheKey.segmentEnd(segmentId(timeTo)),
                forward)) {
            Bytes storeKey = SegmentedCacheKey.storeKey(entry.getKey());
            long start = WindowKeySchema.extractWindowStart(storeKey);
            if (start >= from && start <= timeTo && keep.test(storeKey)) {
                cached.add(entry);
            }
        }
        // The store below may lag this layer's stream time: drop what this layer already considers expired.
        return new MappedKeyValueIterator<>(
                new MergedCacheIterator(cached, stored, this::cacheKey, SegmentedCacheKey::storeKey, forward),
                kv -> WindowKeySchema.extractWindowStart(kv.key()) >= from ? kv : null);
    }

    @Override
    public long windowSize() {
        return inner.windowSize();
    }

    @Override
    public boolean retainDuplicates() {
        return false;
    }

    @Override
    public long retentionPeriod() {
        return inner.retentionPeriod();
    }

    @Override
    public long segmentInterval() {
        return inner.segmentInterval();
    }

    @Override
    public long observedStreamTime() {
        return Math.max(observedStreamTime, inner.observedStreamTime());
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
        cache = null;
        if (c == null) {
            inner.close();
            return;
        }
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
