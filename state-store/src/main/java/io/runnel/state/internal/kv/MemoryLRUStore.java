package io.runnel.state.internal.kv;

import static io.runnel.state.internal.Preconditions.requireKey;
import static io.runnel.state.internal.Preconditions.requireOpen;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.runnel.common.serialization.Serializer;
import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StateStore;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.iterator.ListKeyValueIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory store that keeps at most {@code maxEntries} keys, evicting the least recently used (Kafka's {@code
 * Stores.lruMap}). An eviction is reported to the listener, so that a logged store writes a tombstone and the
 * changelog keeps matching the store.
 *
 * <p>Range scans sort a snapshot of the keys: O(n log n) in the store's size, which {@code maxEntries} bounds.
 * Thread-safe (every method synchronizes on the store).
 */
public final class MemoryLRUStore implements KeyValueStore<Bytes, byte[]> {
    private final String name;
    private final int maxEntries;

    @GuardedBy("this")
    private final LinkedHashMap<Bytes, byte[]> map;

    private volatile Consumer<Bytes> evictionListener = key -> {};
    private volatile boolean open;

    public MemoryLRUStore(String name, int maxEntries) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("maxEntries must be > 0: " + maxEntries);
        }
        this.name = name;
        this.maxEntries = maxEntries;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Bytes, byte[]> eldest) {
                boolean evict = size() > MemoryLRUStore.this.maxEntries;
                if (evict) {
                    evictionListener.accept(eldest.getKey());
                }
                return evict;
            }
        };
    }

    /** Called with each evicted key, on the writing thread. */
    public void setEvictionListener(Consumer<Bytes> listener) {
        this.evictionListener = listener;
    }

    public int maxEntries() {
        return maxEntries;
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
    public synchronized byte @Nullable [] get(Bytes key) {
        requireKey(key);
        requireOpen(open, name);
        return map.get(key);
    }

    @Override
    public synchronized void put(Bytes key, byte @Nullable [] value) {
        requireKey(key);
        requireOpen(open, name);
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public synchronized byte @Nullable [] putIfAbsent(Bytes key, byte @Nullable [] value) {
        byte[] existing = get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        for (KeyValue<Bytes, byte[]> entry : entries) {
            put(entry.key(), entry.value());
        }
    }

    @Override
    public synchronized byte @Nullable [] delete(Bytes key) {
        requireKey(key);
        requireOpen(open, name);
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to) {
        return snapshot(from, to, false, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(@Nullable Bytes from, @Nullable Bytes to) {
        return snapshot(from, to, false, false);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return snapshot(null, null, false, true);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return snapshot(null, null, false, false);
    }

    @Override
    public <P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, Serializer<P> prefixSerializer) {
        Bytes from = Bytes.wrap(PrefixBytes.of(prefixSerializer, name(), requireKey(prefix)));
        return snapshot(from, Bytes.prefixUpperBound(from), true, true);
    }

    private synchronized KeyValueIterator<Bytes, byte[]> snapshot(
            @Nullable Bytes from, @Nullable Bytes to, boolean toExclusive, boolean forward) {
        requireOpen(open, name);
        List<KeyValue<Bytes, byte[]>> pairs = new ArrayList<>();
        for (Map.Entry<Bytes, byte[]> entry : map.entrySet()) {
            Bytes key = entry.getKey();
            boolean aboveFrom = from == null || key.compareTo(from) >= 0;
            int cmpTo = to == null ? -1 : key.compareTo(to);
            if (aboveFrom && (toExclusive ? cmpTo < 0 : cmpTo <= 0)) {
                pairs.add(new KeyValue<>(key, entry.getValue()));
            }
        }
        Comparator<KeyValue<Bytes, byte[]>> order = Comparator.comparing(KeyValue::key);
        pairs.sort(forward ? order : order.reversed());
        return new ListKeyValueIterator<>(pairs);
    }

    @Override
    public synchronized long approximateNumEntries() {
        requireOpen(open, name);
        return map.size();
    }

    @Override
    public void flush() {
        // In memory only.
    }

    @Override
    public synchronized void close() {
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
}
