package io.runnel.state.internal.window;

import static io.runnel.state.internal.Preconditions.requireKey;
import static io.runnel.state.internal.Preconditions.requireTimestamp;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateRestoreCallback;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.Windowed;
import io.runnel.state.internal.segment.SegmentStorage;
import io.runnel.state.internal.segment.SegmentedBytesStore;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A window store over {@link SegmentedBytesStore}: RocksDB (one column family per segment) or in memory, by the
 * {@link SegmentStorage} given. Keys are laid out by {@link WindowKeySchema}.
 *
 * <p>Not thread-safe for writes; reads may come from query threads.
 */
public final class SegmentedWindowStore implements WindowBytesStore {
    private final String name;
    private final long windowSize;
    private final boolean retainDuplicates;
    private final SegmentedBytesStore segments;
    private int seqnum;

    public SegmentedWindowStore(
            String name,
            long retentionPeriod,
            long segmentInterval,
            long windowSize,
            boolean retainDuplicates,
            SegmentStorage storage) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("windowSize must be >= 1 ms: " + windowSize);
        }
        this.name = name;
        this.windowSize = windowSize;
        this.retainDuplicates = retainDuplicates;
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
                segments.restore(records, WindowKeySchema::extractWindowStart);
            }

            @Override
            public void onRestoreEnd() {
                segments.endBulkLoad();
            }
        });
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value, long windowStartTime) {
        requireKey(key);
        requireTimestamp(windowStartTime, "windowStartTime");
        if (retainDuplicates && value == null) {
            return;
        }
        int seq = retainDuplicates ? ++seqnum : 0;
        segments.put(WindowKeySchema.toStoreKey(key, windowStartTime, seq), windowStartTime, value);
    }

    @Override
    public byte @Nullable [] fetch(Bytes key, long windowStartTime) {
        requireKey(key);
        if (!retainDuplicates) {
            return segments.get(WindowKeySchema.toStoreKey(key, windowStartTime, 0), windowStartTime);
        }
        try (WindowStoreIterator<byte[]> it = fetch(key, windowStartTime, windowStartTime)) {
            return it.hasNext() ? it.next().value() : null;
        }
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
        long from = Math.max(Math.max(timeFrom, segments.minLiveTime()), 0);
        return new WindowStoreIteratorAdapter<>(segments.fetch(
                WindowKeySchema.lowerBound(key, from),
                WindowKeySchema.upperBound(key, Math.max(timeTo, 0)),
                from,
                timeTo,
                forward,
                kv -> WindowKeySchema.keyEquals(kv.key(), key)
                        ? new KeyValue<>(WindowKeySchema.extractWindowStart(kv.key()), kv.value())
                        : null));
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
        long from = Math.max(timeFrom, segments.minLiveTime());
        long maxTime = Math.max(Math.min(timeTo, segments.observedStreamTime()), 0);
        Bytes upper = keyTo == null ? null : WindowKeySchema.upperBoundForKeyRange(keyTo, maxTime);
        return segments.fetch(keyFrom, upper, timeFrom, timeTo, forward, kv -> {
            long start = WindowKeySchema.extractWindowStart(kv.key());
            return start >= from && start <= timeTo && WindowKeySchema.keyInRange(kv.key(), keyFrom, keyTo)
                    ? new KeyValue<>(WindowKeySchema.toWindowed(kv.key(), windowSize), kv.value())
                    : null;
        });
    }

    @Override
    public long windowSize() {
        return windowSize;
    }

    @Override
    public boolean retainDuplicates() {
        return retainDuplicates;
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

    /** The segments held, for tests of retention. */
    public List<Long> segmentIds() {
        return segments.segmentIds();
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
