package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.ProcessorStateException;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.Preconditions;
import io.runnel.state.internal.rocksdb.RocksDBDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Segments as column families of one RocksDB database, {@code <state dir>/rocksdb/<store name>}: the family of
 * segment {@code id} is named {@code segment-<id>}. Dropping a segment is {@code DropColumnFamily}: constant time,
 * the files are deleted in the background. The default family holds the store's metadata.
 */
public final class RocksDBSegmentStorage implements SegmentStorage {
    private static final String PREFIX = "segment-";

    private final String storeName;
    private @Nullable RocksDBDatabase db;

    public RocksDBSegmentStorage(String storeName) {
        this.storeName = storeName;
    }

    private RocksDBDatabase db() {
        RocksDBDatabase d = db;
        if (d == null || !d.isOpen()) {
            throw Preconditions.notOpen(storeName);
        }
        return d;
    }

    @Override
    public NavigableMap<Long, Segment> open(StateStoreContext context) {
        RocksDBDatabase d = RocksDBDatabase.open(
                storeName, context.stateDir().resolve("rocksdb").resolve(storeName), context);
        db = d;
        NavigableMap<Long, Segment> segments = new TreeMap<>();
        for (Map.Entry<String, ColumnFamilyHandle> family : d.families().entrySet()) {
            String name = family.getKey();
            if (!name.startsWith(PREFIX)) {
                continue;
            }
            try {
                long id = Long.parseLong(name.substring(PREFIX.length()));
                segments.put(id, new FamilySegment(id, family.getValue()));
            } catch (NumberFormatException e) {
                d.close();
                throw new ProcessorStateException(
                        "Unexpected column family " + name + " in store " + storeName + " at " + d.directory(), e);
            }
        }
        return segments;
    }

    @Override
    public Segment create(long segmentId) {
        return new FamilySegment(segmentId, db().createFamily(PREFIX + segmentId));
    }

    @Override
    public void drop(long segmentId) {
        db().dropFamily(PREFIX + segmentId);
    }

    @Override
    public byte @Nullable [] metadata(String key) {
        RocksDBDatabase d = db();
        return d.get(d.defaultFamily(), key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void putMetadata(String key, byte[] value) {
        RocksDBDatabase d = db();
        d.put(d.defaultFamily(), key.getBytes(StandardCharsets.UTF_8), value);
    }

    @Override
    public void restore(
            List<ChangelogRecord> records,
            ToLongFunction<ChangelogRecord> segmentIdOf,
            NavigableMap<Long, Segment> live) {
        RocksDBDatabase d = db();
        try (WriteBatch batch = d.newBatch()) {
            for (ChangelogRecord record : records) {
                Segment segment = live.get(segmentIdOf.applyAsLong(record));
                if (segment == null) {
                    continue;
                }
                ColumnFamilyHandle family = ((FamilySegment) segment).family;
                byte[] value = record.value();
                if (value == null) {
                    batch.delete(family, record.key().get());
                } else {
                    batch.put(family, record.key().get(), value);
                }
            }
            d.write(batch);
        } catch (RocksDBException e) {
            throw d.failure("restoring a batch", e);
        }
    }

    @Override
    public void startBulkLoad() {
        db().startBulkLoad();
    }

    @Override
    public void endBulkLoad() {
        db().endBulkLoad();
    }

    @Override
    public void flush() {
        db().flush();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public boolean isOpen() {
        RocksDBDatabase d = db;
        return d != null && d.isOpen();
    }

    @Override
    public void close() {
        RocksDBDatabase d = db;
        if (d != null) {
            d.close();
        }
    }

    private final class FamilySegment implements Segment {
        private final long id;
        private final ColumnFamilyHandle family;

        FamilySegment(long id, ColumnFamilyHandle family) {
            this.id = id;
            this.family = family;
        }

        @Override
        public long id() {
            return id;
        }

        @Override
        public byte @Nullable [] get(Bytes key) {
            return db().get(family, key.get());
        }

        @Override
        public void put(Bytes key, byte @Nullable [] value) {
            if (value == null) {
                db().delete(family, key.get());
            } else {
                db().put(family, key.get(), value);
            }
        }

        @Override
        public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to, boolean forward) {
            return db().range(family, from, to, false, forward);
        }
    }
}
