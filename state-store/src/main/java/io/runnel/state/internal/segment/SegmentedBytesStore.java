package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.Preconditions;
import io.runnel.state.internal.iterator.ConcatKeyValueIterator;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import io.runnel.state.internal.iterator.MappedKeyValueIterator;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time-segmented byte store under window and session stores (Kafka's {@code AbstractRocksDBSegmentedBytesStore}).
 *
 * <h2>Time and retention</h2>
 *
 * Every write carries a segment time (a window's start, a session's end). The store tracks the largest one seen, the
 * <em>observed stream time</em>; records older than {@code observedStreamTime - retentionPeriod + 1}, the minimum
 * live time, are expired: writes of them are dropped, reads never return them, and a segment whose every time is
 * expired is dropped whole. Segment {@code id} holds times {@code [id * interval, (id + 1) * interval)}.
 *
 * <h2>Order</h2>
 *
 * Scans visit segments in time order (reverse for backward scans) and each segment in key order, so results are
 * ordered by segment, then by store key. The observed stream time is persisted as metadata on flush so that a
 * reopened persistent store applies the same retention.
 *
 * <p>Not thread-safe for writes; reads may come from query threads.
 */
public final class SegmentedBytesStore {
    private static final Logger log = LoggerFactory.getLogger(SegmentedBytesStore.class);
    private static final String STREAM_TIME_KEY = "observedStreamTime";

    private final String name;
    private final long retentionPeriod;
    private final long segmentInterval;
    private final SegmentStorage storage;
    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private volatile long observedStreamTime = -1;
    private volatile boolean open;

    public SegmentedBytesStore(String name, long retentionPeriod, long segmentInterval, SegmentStorage storage) {
        if (retentionPeriod < 1) {
            throw new IllegalArgumentException("retentionPeriod must be >= 1 ms: " + retentionPeriod);
        }
        if (segmentInterval < 1) {
            throw new IllegalArgumentException("segmentInterval must be >= 1 ms: " + segmentInterval);
        }
        this.name = name;
        this.retentionPeriod = retentionPeriod;
        this.segmentInterval = segmentInterval;
        this.storage = storage;
    }

    public void open(StateStoreContext context) {
        segments.clear();
        segments.putAll(storage.open(context));
        byte[] time = storage.metadata(STREAM_TIME_KEY);
        if (time != null && time.length == Long.BYTES) {
            observedStreamTime = ByteBuffer.wrap(time).getLong();
        } else if (!segments.isEmpty()) {
            // No metadata (a crash before the first flush): the start of the newest segment is a safe lower bound.
            observedStreamTime = segments.lastKey() * segmentInterval;
        }
        open = true;
        dropExpiredSegments();
    }

    public String name() {
        return name;
    }

    public long retentionPeriod() {
        return retentionPeriod;
    }

    public long segmentInterval() {
        return segmentInterval;
    }

    public long observedStreamTime() {
        return observedStreamTime;
    }

    /** The oldest time that is not expired. */
    public long minLiveTime() {
        return observedStreamTime - retentionPeriod + 1;
    }

    public long segmentId(long time) {
        return time / segmentInterval;
    }

    /** The ids of the segments currently held, oldest first. */
    public List<Long> segmentIds() {
        return new ArrayList<>(segments.keySet());
    }

    private void checkOpen() {
        if (!open || !storage.isOpen()) {
            throw Preconditions.notOpen(name);
        }
    }

    /** Writes {@code value} (null deletes) under {@code storeKey}; dropped if {@code segmentTime} is expired. */
    public void put(Bytes storeKey, long segmentTime, byte @Nullable [] value) {
        checkOpen();
        advance(segmentTime);
        if (segmentTime < minLiveTime()) {
            log.debug("[{}] Skipping a write at time {}: older than the retention period", name, segmentTime);
            return;
        }
        long id = segmentId(segmentTime);
        Segment segment = segments.get(id);
        if (segment == null) {
            if (value == null) {
                return;
            }
            segment = storage.create(id);
            segments.put(id, segment);
        }
        segment.put(storeKey, value);
    }

    public byte @Nullable [] get(Bytes storeKey, long segmentTime) {
        checkOpen();
        if (segmentTime < minLiveTime()) {
            return null;
        }
        Segment segment = segments.get(segmentId(segmentTime));
        return segment == null ? null : segment.get(storeKey);
    }

    /**
     * Scans {@code [lower, upper]} (null bounds open) in each live segment that may hold times in {@code [fromTime,
     * toTime]}, mapping each entry with {@code mapper}, which returns null to skip an entry (the caller filters by
     * key and by time inside a segment).
     */
    public <K, V> KeyValueIterator<K, V> fetch(
            @Nullable Bytes lower,
            @Nullable Bytes upper,
            long fromTime,
            long toTime,
            boolean forward,
            Function<KeyValue<Bytes, byte[]>, @Nullable KeyValue<K, V>> mapper) {
        checkOpen();
        long from = Math.max(Math.max(fromTime, minLiveTime()), 0);
        if (from > toTime || (lower != null && upper != null && lower.compareTo(upper) > 0)) {
            return ListKeyValueIterator.empty();
        }
        NavigableMap<Long, Segment> search = segments.subMap(segmentId(from), true, segmentId(toTime), true);
        if (!forward) {
            search = search.descendingMap();
        }
        if (search.size() == 1) {
            // The common case of a short time range: no concatenation layer.
            return new MappedKeyValueIterator<>(search.firstEntry().getValue().range(lower, upper, forward), mapper);
        }
        List<Supplier<KeyValueIterator<K, V>>> sources = new ArrayList<>(search.size());
        for (Segment segment : search.values()) {
            sources.add(() -> new MappedKeyValueIterator<>(segment.range(lower, upper, forward), mapper));
        }
        return new ConcatKeyValueIterator<>(sources);
    }

    /** Applies restored records; {@code timeOf} gives each record's segment time. */
    public void restore(List<ChangelogRecord> records, ToLongFunction<Bytes> timeOf) {
        checkOpen();
        for (ChangelogRecord record : records) {
            advance(timeOf.applyAsLong(record.key()));
        }
        long minLive = minLiveTime();
        for (ChangelogRecord record : records) {
            long time = timeOf.applyAsLong(record.key());
            long id = segmentId(time);
            if (time >= minLive && record.value() != null && !segments.containsKey(id)) {
                segments.put(id, storage.create(id));
            }
        }
        storage.restore(records, r -> segmentId(timeOf.applyAsLong(r.key())), segments);
    }

    public void startBulkLoad() {
        storage.startBulkLoad();
    }

    public void endBulkLoad() {
        storage.endBulkLoad();
    }

    private void advance(long time) {
        if (time > observedStreamTime) {
            observedStreamTime = time;
            dropExpiredSegments();
        }
    }

    private void dropExpiredSegments() {
        long minLive = minLiveTime();
        if (minLive <= 0) {
            return;
        }
        long firstLive = segmentId(minLive);
        while (!segments.isEmpty() && segments.firstKey() < firstLive) {
            long id = segments.firstKey();
            segments.remove(id);
            storage.drop(id);
            log.debug("[{}] Dropped expired segment {}", name, id);
        }
    }

    public void flush() {
        checkOpen();
        storage.putMetadata(
                STREAM_TIME_KEY,
                ByteBuffer.allocate(Long.BYTES).putLong(observedStreamTime).array());
        storage.flush();
    }

    public void close() {
        if (open && storage.isOpen() && storage.persistent()) {
            storage.putMetadata(
                    STREAM_TIME_KEY,
                    ByteBuffer.allocate(Long.BYTES).putLong(observedStreamTime).array());
        }
        open = false;
        segments.clear();
        storage.close();
    }

    public boolean persistent() {
        return storage.persistent();
    }

    public boolean isOpen() {
        return open && storage.isOpen();
    }
}
