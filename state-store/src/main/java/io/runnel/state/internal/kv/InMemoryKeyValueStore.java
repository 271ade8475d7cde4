package io.runnel.state.internal.kv;

import static io.runnel.state.internal.Preconditions.requireKey;
import static io.runnel.state.internal.Preconditions.requireOpen;

import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.iterator.AbstractKeyValueIterator;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * A sorted in-memory key-value store over a {@link ConcurrentSkipListMap}: its iterators are weakly consistent, so
 * query threads may iterate while the owning thread writes. Its content is lost on close; with logging enabled it
 * is restored from the changelog. Also the in-memory segment of in-memory window and session stores.
 *
 * <p>Writes come from one thread (the owner); reads from any.
 */
public final class InMemoryKeyValueStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final ConcurrentSkipListMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>();
    private volatile boolean open;

    public InMemoryKeyValueStore(String name) {
        this.name = name;
    }

    /** Opens the store without a context, for use as a segment of another store. */
    public void open() {
        open = true;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open = true;
        context.register(root, this::restoreBatch);
    }

    private void restoreBatch(List<ChangelogRecord> records) {
        for (ChangelogRecord record : records) {
            put(record.key(), record.value());
        }
    }

    @Override
    public byte @Nullable [] get(Bytes key) {
        requireKey(key);
        requireOpen(open, name);
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte @Nullable [] value) {
        requireKey(key);
        requireOpen(open, name);
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
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
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key(), entry.value());
        }
    }

    @Override
    public byte @Nullable [] delete(Bytes key) {
        requireKey(key);
        requireOpen(open, name);
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return scan(from, true, to, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return scan(from, true, to, true, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return scan(null, true, null, true, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return scan(null, true, null, true, false);
    }

    @Override
    public <P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        Bytes from = Bytes.wrap(PrefixBytes.of(prefixSerializer, name(), requireKey(prefix)));
        return scan(from, true, Bytes.prefixUpperBound(from), false, true);
    }

    /** A scan with explicit bound inclusiveness; null bounds are open. */
    public KeyValueIterator<Bytes, byte[]> scan(
            @Nullable Bytes from, boolean fromInclusive, @Nullable Bytes to, boolean toInclusive, boolean forward) {
        requireOpen(open, name);
        if (from != null && to != null && from.compareTo(to) > 0) {
            return ListKeyValueIterator.empty();
        }
        NavigableMap<Bytes, byte[]> view = map;
        if (from != null && to != null) {
            view = map.subMap(from, fromInclusive, to, toInclusive);
        } else if (from != null) {
            view = map.tailMap(from, fromInclusive);
        } else if (to != null) {
            view = map.headMap(to, toInclusive);
        }
        return new MapIterator(
                forward
                        ? view.entrySet().iterator()
                        : view.descendingMap().entrySet().iterator());
    }

    @Override
    public long approximateNumEntries() {
        requireOpen(open, name);
        return map.size();
    }

    @Override
    public void flush() {
        // Nothing to persist: the changelog is this store's durable copy.
    }

    @Override
    public void close() {
        open = false;
        map.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private final class MapIterator extends AbstractKeyValueIterator<Bytes, byte[]> {
        private final Iterator<Map.Entry<Bytes, byte[]>> it;

        MapIterator(Iterator<Map.Entry<Bytes, byte[]>> it) {
            this.it = it;
        }

        @Override
        protected @Nullable KeyValue<Bytes, byte[]> computeNext() {
            requireOpen(open, name);
            if (!it.hasNext()) {
                return null;
            }
            Map.Entry<Bytes, byte[]> entry = it.next();
            return new KeyValue<>(entry.getKey(), entry.getValue());
        }
    }
}
