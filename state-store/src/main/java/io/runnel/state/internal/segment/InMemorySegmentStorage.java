package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.kv.InMemoryKeyValueStore;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/** Segments as in-memory sorted maps; nothing survives a close. */
public final class InMemorySegmentStorage implements SegmentStorage {
    private final String storeName;
    private final Map<String, byte[]> metadata = new ConcurrentHashMap<>();
    private volatile boolean open;

    public InMemorySegmentStorage(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public NavigableMap<Long, Segment> open(StateStoreContext context) {
        open = true;
        return new TreeMap<>();
    }

    @Override
    public Segment create(long segmentId) {
        InMemoryKeyValueStore map = new InMemoryKeyValueStore(storeName + "." + segmentId);
        map.open();
        return new Segment() {
            @Override
            public long id() {
                return segmentId;
            }

            @Override
            public byte @Nullable [] get(Bytes key) {
                return map.get(key);
            }

            @Override
            public void put(Bytes key, byte @Nullable [] value) {
                map.put(key, value);
            }

            @Override
            public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to, boolean forward) {
                return map.scan(from, true, to, true, forward);
            }
        };
    }

    @Override
    public void drop(long segmentId) {
        // The segment's map is garbage once the segmented store forgets it.
    }

    @Override
    public byte @Nullable [] metadata(String key) {
        return metadata.get(key);
    }

    @Override
    public void putMetadata(String key, byte[] value) {
        metadata.put(key, value);
    }

    @Override
    public void restore(
            List<ChangelogRecord> records,
            ToLongFunction<ChangelogRecord> segmentIdOf,
            NavigableMap<Long, Segment> live) {
        for (ChangelogRecord record : records) {
            Segment segment = live.get(segmentIdOf.applyAsLong(record));
            if (segment != null) {
                segment.put(record.key(), record.value());
            }
        }
    }

    @Override
    public void flush() {}

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        metadata.clear();
    }
}
