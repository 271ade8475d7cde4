package io.runnel.state.internal.session;

import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateRestoreCallback;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.Windowed;
import io.runnel.state.internal.segment.SegmentStorage;
import io.runnel.state.internal.segment.SegmentedBytesStore;
import io.runnel.state.internal.window.WindowKeySchema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A session store over {@link SegmentedBytesStore} (RocksDB or in memory), segmented by session end time, with keys
 * laid out by {@link SessionKeySchema}.
 *
 * <p>Not thread-safe for writes; reads may come from query threads.
 */
public final class SegmentedSessionStore implements SessionBytesStore {
    private final String name;
    private final SegmentedBytesStore segments;

    public SegmentedSessionStore(String name, long retentionPeriod, long segmentInterval, SegmentStorage storage) {
        this.name = name;
        this.segments = new SegmentedBytesStore(name, retentionPeriod, segmentInterval, storage);
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        segments.open(context);
        context.register(root, new StateRestoreCallback() {
            @Override
            public void onRestoreStart() {
                segments.startBulkLoad();
            }

            @Override
            public void restoreBatch(List<ChangelogRecord> records) {
                segments.restore(records, SessionKeySchema::extractEnd);
            }

            @Override
            public void onRestoreEnd() {
                segments.endBulkLoad();
            }
        });
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte @Nullable [] aggregate) {
        requireKey(sessionKey);
        requireKey(sessionKey.key());
        segments.put(
                SessionKeySchema.toStoreKey(sessionKey), sessionKey.window().end(), aggregate);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte @Nullable [] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        requireKey(key);
        if (sessionStartTime < 0 || sessionEndTime < sessionStartTime) {
            return null;
        }
        return segments.get(SessionKeySchema.toStoreKey(key, sessionEndTime, sessionStartTime), sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            Bytes key, long earliestSessionEndTime, long latestSessionStartTime) {
        return findKey(key, earliestSessionEndTime, latestSessionStartTime, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findKey(
            Bytes key, long earliestEnd, long latestStart, boolean forward) {
        requireKey(key);
        long from = Math.max(Math.max(earliestEnd, segments.minLiveTime()), 0);
        return sessions(
                SessionKeySchema.toStoreKey(key, from, 0),
                SessionKeySchema.toStoreKey(key, Long.MAX_VALUE, -1L),
                from,
                latestStart,
                forward,
                storeKey -> SessionKeySchema.keyEquals(storeKey, key));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return findRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, true);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestSessionEndTime, long latestSessionStartTime) {
        return findRange(keyFrom, keyTo, earliestSessionEndTime, latestSessionStartTime, false);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> findRange(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestEnd, long latestStart, boolean forward) {
        long from = Math.max(Math.max(earliestEnd, segments.minLiveTime()), 0);
        Bytes upper = keyTo == null
                ? null
                : SessionKeySchema.upperBoundForKeyRange(keyTo, Math.max(segments.observedStreamTime(), 0));
        return sessions(
                keyFrom,
                upper,
                from,
                latestStart,
                forward,
                storeKey -> WindowKeySchema.keyInRange(storeKey, SessionKeySchema.SUFFIX, keyFrom, keyTo));
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> sessions(
            @Nullable Bytes lower,
            @Nullable Bytes upper,
            long earliestEnd,
            long latestStart,
            boolean forward,
            java.util.function.Predicate<Bytes> keyFilter) {
        return segments.fetch(lower, upper, earliestEnd, Long.MAX_VALUE, forward, kv -> {
            Bytes storeKey = kv.key();
            return SessionKeySchema.extractEnd(storeKey) >= earliestEnd
                            && SessionKeySchema.extractStart(storeKey) <= latestStart
                            && keyFilter.test(storeKey)
                    ? new KeyValue<>(SessionKeySchema.toWindowed(storeKey), kv.value())
                    : null;
        });
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
        return segments.retentionPeriod();
    }

    @Override
    public long segmentInterval() {
        return segments.segmentInterval();
    }

    @Override
    public long observedStreamTime() {
        return segments.observedStreamTime();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void flush() {
        segments.flush();
    }

    @Override
    public void close() {
        segments.close();
    }

    @Override
    public boolean persistent() {
        return segments.persistent();
    }

    @Override
    public boolean isOpen() {
        return segments.isOpen();
    }
}
