package io.runnel.state.internal.kv;

import static io.runnel.state.internal.Preconditions.notOpen;
import static io.runnel.state.internal.Preconditions.requireKey;

import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateRestoreCallback;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import io.runnel.state.internal.rocksdb.RocksDBDatabase;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A persistent key-value store in its own RocksDB database, {@code <state dir>/rocksdb/<name>}, default column
 * family. Keys and values are stored as given.
 *
 * <p>Not thread-safe for writes: the owning stream thread writes; reads are safe from query threads.
 */
public final class RocksDBKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private volatile @Nullable RocksDBDatabase db;

    public RocksDBKeyValueStore(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        RocksDBDatabase previous = db;
        if (previous != null && previous.isOpen()) {
            throw new IllegalStateException("Store " + name + " is already open");
        }
        db = RocksDBDatabase.open(name, context.stateDir().resolve("rocksdb").resolve(name), context);
        context.register(root, new BulkRestore());
    }

    private RocksDBDatabase db() {
        RocksDBDatabase current = db;
        if (current == null || !current.isOpen()) {
            throw notOpen(name);
        }
        return current;
    }

    @Override
    public byte @Nullable [] get(Bytes key) {
        requireKey(key);
        RocksDBDatabase d = db();
        return d.get(d.defaultFamily(), key.get());
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value) {
        requireKey(key);
        RocksDBDatabase d = db();
        if (value == null) {
            d.delete(d.defaultFamily(), key.get());
        } else {
            d.put(d.defaultFamily(), key.get(), value);
        }
    }

    @Override
    public byte @Nullable [] putIfAbsent(Bytes key, byte @Nullable [] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        RocksDBDatabase d = db();
        try (WriteBatch batch = d.newBatch()) {
            for (KeyValue<Bytes, byte[]> entry : entries) {
                batch.put(d.defaultFamily(), requireKey(entry.key()).get(), entry.value());
            }
            d.write(batch);
        } catch (RocksDBException e) {
            throw d.failure("writing a batch", e);
        }
    }

    @Override
    public byte @Nullable [] delete(Bytes key) {
        byte[] existing = get(key);
        if (existing != null) {
            put(key, null);
        }
        return existing;
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return scan(from, to, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return scan(from, to, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, null, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, null, false);
    }

    @Override
    public <P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        Bytes from = Bytes.wrap(PrefixBytes.of(prefixSerializer, name(), requireKey(prefix)));
        RocksDBDatabase d = db();
        return d.range(d.defaultFamily(), from, Bytes.prefixUpperBound(from), true, true);
    }

    private KeyValueIterator<Bytes, byte[]> scan(@Nullable Bytes from, @Nullable Bytes to, boolean forward) {
        RocksDBDatabase d = db();
        if (from != null && to != null && from.compareTo(to) > 0) {
            return ListKeyValueIterator.empty();
        }
        return d.range(d.defaultFamily(), from, to, false, forward);
    }

    @Override
    public long approximateNumEntries() {
        RocksDBDatabase d = db();
        return d.estimateNumKeys(d.defaultFamily());
    }

    @Override
    public void flush() {
        db().flush();
    }

    @Override
    public void close() {
        RocksDBDatabase d = db;
        if (d != null) {
            d.close();
        }
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

    /** Restores in write batches with compactions off, then flushes and compacts once. */
    private final class BulkRestore implements StateRestoreCallback {
        @Override
        public void onRestoreStart() {
            db().startBulkLoad();
        }

        @Override
        public void restoreBatch(List<ChangelogRecord> records) {
            RocksDBDatabase d = db();
            try (WriteBatch batch = d.newBatch()) {
                for (ChangelogRecord record : records) {
                    byte[] value = record.value();
                    if (value == null) {
                        batch.delete(d.defaultFamily(), record.key().get());
                    } else {
                        batch.put(d.defaultFamily(), record.key().get(), value);
                    }
                }
                d.write(batch);
            } catch (RocksDBException e) {
                throw d.failure("restoring a batch", e);
            }
        }

        @Override
        public void onRestoreEnd() {
            db().endBulkLoad();
        }
    }
}
