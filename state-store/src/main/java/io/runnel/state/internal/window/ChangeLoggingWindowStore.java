package io.runnel.state.internal.window;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogWriter;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.state.internal.Preconditions;
import org.jspecify.annotations.Nullable;

/**
 * Forwards each put to the window store below, then logs it under its store key ({@link WindowKeySchema}), so that
 * restoring the changelog rebuilds the same windows. With duplicates retained, this layer numbers puts exactly as the
 * store below does (both skip null values), so the logged keys are the stored keys.
 */
public final class ChangeLoggingWindowStore implements WindowBytesStore {
    private final WindowBytesStore inner;
    private @Nullable StateStoreContext context;
    private ChangelogWriter writer = ChangelogWriter.NONE;
    private int seqnum;

    public ChangeLoggingWindowStore(WindowBytesStore inner) {
        this.inner = inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        this.writer = context.changelogWriter();
        inner.init(context, root);
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value, long windowStartTime) {
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        put(key, value, windowStartTime, ctx.timestamp());
    }

    /** A put logged with {@code timestamp}: the cache's entry time when a cache flushes into this store. */
    public void put(Bytes key, byte @Nullable [] value, long windowStartTime, long timestamp) {
        if (retainDuplicates() && value == null) {
            return;
        }
        inner.put(key, value, windowStartTime);
        int seq = retainDuplicates() ? ++seqnum : 0;
        writer.log(name(), WindowKeySchema.toStoreKey(key, windowStartTime, seq), value, timestamp);
    }

    @Override
    public byte @Nullable [] fetch(Bytes key, long windowStartTime) {
        return inner.fetch(key, windowStartTime);
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return inner.fetch(key, timeFrom, timeTo);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, long timeFrom, long timeTo) {
        return inner.backwardFetch(key, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return inner.fetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetch(
            @Nullable Bytes keyFrom, @Nullable Bytes keyTo, long timeFrom, long timeTo) {
        return inner.backwardFetch(keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return inner.fetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardFetchAll(long timeFrom, long timeTo) {
        return inner.backwardFetchAll(timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> backwardAll() {
        return inner.backwardAll();
    }

    @Override
    public long windowSize() {
        return inner.windowSize();
    }

    @Override
    public boolean retainDuplicates() {
        return inner.retainDuplicates();
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
