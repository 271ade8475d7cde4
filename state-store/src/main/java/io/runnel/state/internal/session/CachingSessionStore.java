package io.runnel.state.internal.session;

import static io.runnel.state.internal.Preconditions.requireKey;

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
import io.runnel.state.Windowed;
import io.runnel.state.internal.Preconditions;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import io.runnel.state.internal.iterator.MergedCacheIterator;
import io.runnel.state.internal.segment.SegmentedCacheKey;
import io.runnel.state.internal.window.WindowKeySchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A write-back cache in front of a session store, keyed {@code [segment id][store key]} like {@link
 * io.runnel.state.internal.window.CachingWindowStore}, with the same retention as the store below.
 *
 * <p>Not thread-safe for writes.
 */
public final class CachingSessionStore implements SessionBytesStore, CachedStateStore<Windowed<Bytes>, byte[]> {
    private final SessionBytesStore inner;
    private @Nullable StateStoreContext context;
    private @Nullable RecordCache cache;
    private String namespace = "";
    private long observedStreamTime = -1;
    private @Nullable CacheFlushListener<Windowed<Bytes>, byte[]> flushListener;
    private boolean sendOldValues;

    public CachingSessionStore(SessionBytesStore inner) {
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
            Windowed<Bytes> session = SessionKeySchema.toWindowed(SegmentedCacheKey.storeKey(entry.key()));
            byte[] oldValue = listener != null && sendOldValues
                    ? inner.fetchSession(
                            session.key(),
                            session.window().start(),
                            session.window().end())
                    : null;
            if (inner instanceof ChangeLoggingSessionStore) {
                ((ChangeLoggingSessionStore) inner).put(session, entry.value(), entry.timestamp());
            } else {
                inner.put(session, entry.value());
            }
            if (listener != null) {
                listener.apply(session, entry.value(), oldValue, entry.timestamp());
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

    private Bytes cacheKey(Bytes storeKey) {
        return SegmentedCacheKey.of(SessionKeySchema.extractEnd(storeKey) / segmentInterval(), storeKey);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte @Nullable [] aggregate) {
        requireKey(sessionKey);
        requireKey(sessionKey.key());
        RecordCache c = cache();
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        long end = sessionKey.window().end();
        observedStreamTime = Math.max(observedStreamTime, end);
        if (end < minLiveTime()) {
            return;
        }
        c.put(namespace, cacheKey(SessionKeySchema.toStoreKey(sessionKey)), aggregate, ctx.timestamp());
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte @Nullable [] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        requireKey(key);
        RecordCache c = cache();
        if (sessionStartTime < 0 || sessionEndTime < sessionStartTime || sessionEndTime < minLiveTime()) {
            return null;
        }
        CachedValue cached =
                c.get(namespace, cacheKey(SessionKeySchema.toStoreKey(key, sessionEndTime, sessionStartTime)));
        return cached != null ? cached.value() : inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestEnd, long latestStart) {
        requireKey(key);
        return merged(
                inner.findSessions(key, earliestEnd, latestStart),
                earliestEnd,
                latestStart,
                true,
                storeKey -> SessionKeySchema.keyEquals(storeKey, key));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            Bytes key, long earliestEnd, long latestStart) {
        requireKey(key);
        return merged(
                inner.backwardFindSessions(key, earliestEnd, latestStart),
                earliestEnd,
                latestStart,
                false,
                storeKey -> SessionKeySchema.keyEquals(storeKey, key));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestEnd, long latestStart) {
        return merged(
                inner.findSessions(keyFrom, keyTo, earliestEnd, latestStart),
                earliestEnd,
                latestStart,
                true,
                storeKey -> WindowKeySchema.keyInRange(storeKey, SessionKeySchema.SUFFIX, keyFrom, keyTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestEnd, long latestStart) {
        return merged(
                inner.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart),
                earliestEnd,
                latestStart,
                false,
                storeKey -> WindowKeySchema.keyInRange(storeKey, SessionKeySchema.SUFFIX, keyFrom, keyTo));
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> merged(
            KeyValueIterator<Windowed<Bytes>, byte[]> below,
            long earliestEnd,
            long latestStart,
            boolean forward,
            Predicate<Bytes> keep) {
        RecordCache c = cache();
        long from = Math.max(Math.max(earliestEnd, minLiveTime()), 0);
        if (latestStart < 0) {
            below.close();
            return ListKeyValueIterator.empty();
        }
        List<Map.Entry<Bytes, CachedValue>> cached = new ArrayList<>();
        for (Map.Entry<Bytes, CachedValue> entry :
                c.range(namespace, SegmentedCacheKey.segmentStart(from / segmentInterval()), null, forward)) {
            Bytes storeKey = SegmentedCacheKey.storeKey(entry.getKey());
            if (SessionKeySchema.extractEnd(storeKey) >= from
                    && SessionKeySchema.extractStart(storeKey) <= latestStart
                    && keep.test(storeKey)) {
                cached.add(entry);
            }
        }
        KeyValueIterator<Bytes, byte[]> stored = new MappedKeyValueIterator<>(
                below, kv -> new KeyValue<>(SessionKeySchema.toStoreKey(kv.key()), kv.value()));
        return new MappedKeyValueIterator<>(
                new MergedCacheIterator(cached, stored, this::cacheKey, SegmentedCacheKey::storeKey, forward),
                kv -> SessionKeySchema.extractEnd(kv.key()) >= from
                        ? new KeyValue<>(SessionKeySchema.toWindowed(kv.key()), kv.value())
                        : null);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return findSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return backwardFindSessions(key, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return findSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return backwardFindSessions(keyFrom, keyTo, 0, Long.MAX_VALUE);
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
