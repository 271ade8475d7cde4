package io.runnel.state.internal.session;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogWriter;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.Windowed;
import io.runnel.state.internal.Preconditions;
import org.jspecify.annotations.Nullable;

/** Forwards each session write to the store below, then logs it under its store key ({@link SessionKeySchema}). */
public final class ChangeLoggingSessionStore implements SessionBytesStore {
    private final SessionBytesStore inner;
    private @Nullable StateStoreContext context;
    private ChangelogWriter writer = ChangelogWriter.NONE;

    public ChangeLoggingSessionStore(SessionBytesStore inner) {
        this.inner = inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        this.writer = context.changelogWriter();
        inner.init(context, root);
    }

    @Override
    public void put(Windowed<Bytes> sessionKey, byte @Nullable [] aggregate) {
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        put(sessionKey, aggregate, ctx.timestamp());
    }

    /** A put logged with {@code timestamp}: the cache's entry time when a cache flushes into this store. */
    public void put(Windowed<Bytes> sessionKey, byte @Nullable [] aggregate, long timestamp) {
        inner.put(sessionKey, aggregate);
        writer.log(name(), SessionKeySchema.toStoreKey(sessionKey), aggregate, timestamp);
    }

    @Override
    public void remove(Windowed<Bytes> sessionKey) {
        put(sessionKey, null);
    }

    @Override
    public byte @Nullable [] fetchSession(Bytes key, long sessionStartTime, long sessionEndTime) {
        return inner.fetchSession(key, sessionStartTime, sessionEndTime);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(Bytes key, long earliestEnd, long latestStart) {
        return inner.findSessions(key, earliestEnd, latestStart);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            Bytes key, long earliestEnd, long latestStart) {
        return inner.backwardFindSessions(key, earliestEnd, latestStart);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> findSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestEnd, long latestStart) {
        return inner.findSessions(keyFrom, keyTo, earliestEnd, latestStart);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFindSessions(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long earliestEnd, long latestStart) {
        return inner.backwardFindSessions(keyFrom, keyTo, earliestEnd, latestStart);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes key) {
        return inner.fetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(Bytes key) {
        return inner.backwardFetch(key);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return inner.fetch(keyFrom, keyTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(@Nullable Bytes keyFrom, @Nullable Bytes keyTo) {
        return inner.backwardFetch(keyFrom, keyTo);
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
        return inner.observedStreamTime();
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
