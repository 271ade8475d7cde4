package io.runnel.state.internal.kv;

import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogWriter;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.Preconditions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Forwards each write to the store below, then sends the change to the {@link ChangelogWriter}: after a crash the
 * store is rebuilt by replaying its changelog. Reads pass through. An LRU store's evictions are logged as deletes,
 * so that the changelog never resurrects an evicted key.
 *
 * <p>Not thread-safe for writes, like the store it wraps.
 */
public final class ChangeLoggingKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final KeyValueStore<Bytes, byte[]> inner;
    private @Nullable StateStoreContext context;
    private ChangelogWriter writer = ChangelogWriter.NONE;

    public ChangeLoggingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        this.inner = inner;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        this.context = context;
        this.writer = context.changelogWriter();
        inner.init(context, root);
        if (inner instanceof MemoryLRUStore) {
            ((MemoryLRUStore) inner).setEvictionListener(key -> log(key, null, context.timestamp()));
        }
    }

    private long timestamp() {
        StateStoreContext ctx = context;
        if (ctx == null) {
            throw Preconditions.notOpen(name());
        }
        return ctx.timestamp();
    }

    private void log(Bytes key, byte @Nullable [] value, long timestamp) {
        writer.log(name(), key, value, timestamp);
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value) {
        put(key, value, timestamp());
    }

    /** A put whose change is logged with {@code timestamp}: the cache's entry time when a cache flushes into it. */
    public void put(Bytes key, byte @Nullable [] value, long timestamp) {
        inner.put(key, value);
        log(key, value, timestamp);
    }

    @Override
    public byte @Nullable [] putIfAbsent(Bytes key, byte @Nullable [] value) {
        byte[] previous = inner.putIfAbsent(key, value);
        if (previous == null) {
            log(key, value, timestamp());
        }
        return previous;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        inner.putAll(entries);
        long timestamp = timestamp();
        for (KeyValue<Bytes, byte[]> entry : entries) {
            log(entry.key(), entry.value(), timestamp);
        }
    }

    @Override
    public byte @Nullable [] delete(Bytes key) {
        byte[] previous = inner.delete(key);
        log(key, null, timestamp());
        return previous;
    }

    @Override
    public byte @Nullable [] get(Bytes key) {
        return inner.get(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return inner.range(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return inner.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return inner.all();
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return inner.reverseAll();
    }

    @Override
    public <P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        return inner.prefixScan(prefix, prefixSerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
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
