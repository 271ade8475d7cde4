package io.runnel.state;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.runnel.common.utils.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The write-back record cache of one stream thread, shared by every cached store of that thread under one byte
 * budget (Kafka Streams' {@code ThreadCache} and {@code statestore.cache.max.bytes}).
 *
 * <h2>Design</h2>
 *
 * <p>Each cached store owns a namespace: a sorted map from key to entry, for range scans merged with the store
 * below, and an insertion-ordered set of dirty keys. All entries of all namespaces are also on one access-ordered
 * list, so that eviction is least-recently-used across the whole thread. Repeated writes to a key between flushes
 * update one entry: only the last value reaches the store below and the changelog.
 *
 * <p>When the budget is exceeded, the least recently used entry is evicted. If it is dirty, its namespace is flushed
 * first, all dirty entries in the order they were last written, so that the store below and its listeners see
 * changes in order. {@link #flush(String)} hands a namespace's dirty entries to its listener and keeps them as clean
 * entries. Tombstones (null values) are cached so that a deleted key hides the store below until flushed.
 *
 * <p>Thread-safe: every method synchronizes on the cache (uncontended on the owning thread; interactive queries
 * read through it). Listeners are called with the lock held and must not call back into another thread.
 */
public final class RecordCache {
    /** Bookkeeping bytes per entry on top of key and value, roughly what the JVM spends on the node and map slots. */
    static final int ENTRY_OVERHEAD_BYTES = 96;

    /** Receives a namespace's dirty entries, in the order they were last written. */
    @FunctionalInterface
    public interface FlushListener {
        void apply(List<DirtyEntry> entries);
    }

    /** A dirty entry handed to a {@link FlushListener}. {@code value} null means a delete. */
    public record DirtyEntry(Bytes key, byte @Nullable [] value, long timestamp) {}

    /** A cached value: {@code value} null is a cached delete. */
    public record CachedValue(byte @Nullable [] value, long timestamp) {}

    private final long maxBytes;

    @GuardedBy("this")
    private final Map<String, Namespace> namespaces = new HashMap<>();

    @GuardedBy("this")
    private final Node lru = new Node("", Bytes.EMPTY, null, 0); // sentinel: lru.next is the eldest

    @GuardedBy("this")
    private long sizeBytes;

    @GuardedBy("this")
    private long evictions;

    /**
     * @param maxBytes the budget for all namespaces together; 0 disables caching in effect (every write is flushed
     *     through at once)
     */
    public RecordCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        lru.prev = lru;
        lru.next = lru;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Creates the namespace {@code name}, flushed to {@code listener}. */
    public synchronized void addNamespace(String name, FlushListener listener) {
        if (namespaces.containsKey(name)) {
            throw new IllegalStateException("cache namespace already exists: " + name);
        }
        namespaces.put(name, new Namespace(listener));
    }

    /** Drops the namespace and its entries without flushing them. */
    public synchronized void removeNamespace(String name) {
        Namespace ns = namespaces.remove(name);
        if (ns == null) {
            return;
        }
        for (Node node : ns.entries.values()) {
            unlink(node);
            sizeBytes -= node.size();
        }
    }

    /** The cached value of {@code key}, or null on a miss. A hit moves the entry to the young end. */
    public synchronized @Nullable CachedValue get(String namespace, Bytes key) {
        Node node = namespace(namespace).entries.get(key);
        if (node == null) {
            return null;
        }
        moveToYoungEnd(node);
        return new CachedValue(node.value, node.timestamp);
    }

    /** Writes a dirty entry; a null value is a delete. May evict, and so flush, any namespace. */
    public synchronized void put(String namespace, Bytes key, byte @Nullable [] value, long timestamp) {
        Namespace ns = namespace(namespace);
        Node node = upsert(namespace, ns, key, value, timestamp);
        ns.dirtyKeys.remove(key);
        ns.dirtyKeys.add(key);
        node.dirty = true;
        evictIfNeeded();
    }

    /** Caches a value read from the store below, as a clean entry, unless the key is already cached. */
    public synchronized void putClean(String namespace, Bytes key, byte[] value, long timestamp) {
        Namespace ns = namespace(namespace);
        if (ns.entries.containsKey(key)) {
            return;
        }
        upsert(namespace, ns, key, value, timestamp);
        evictIfNeeded();
    }

    /**
     * A snapshot of the cached entries, tombstones included, with keys in {@code [from, to]} (null bounds open), in
     * ascending or descending order.
     */
    public synchronized List<Map.Entry<Bytes, CachedValue>> range(
            String namespace, @Nullable Bytes from, @Nullable Bytes to, boolean forward) {
        NavigableMap<Bytes, Node> map = namespace(namespace).entries;
        if (from != null && to != null) {
            if (from.compareTo(to) > 0) {
                return List.of();
            }
            map = map.subMap(from, true, to, true);
        } else if (from != null) {
            map = map.tailMap(from, true);
        } else if (to != null) {
            map = map.headMap(to, true);
        }
        if (!forward) {
            map = map.descendingMap();
        }
        List<Map.Entry<Bytes, CachedValue>> result = new ArrayList<>(map.size());
        for (Node node : map.values()) {
            result.add(Map.entry(node.key, new CachedValue(node.value, node.timestamp)));
        }
        return result;
    }

    /** Hands the namespace's dirty entries to its listener, oldest write first, and marks them clean. */
    public synchronized void flush(String namespace) {
        flush(namespace, namespace(namespace));
    }

    /** The number of entries of the namespace, tombstones included. */
    public synchronized int size(String namespace) {
        return namespace(namespace).entries.size();
    }

    /** Bytes accounted for all namespaces. */
    public synchronized long sizeBytes() {
        return sizeBytes;
    }

    /** Entries evicted since creation. */
    public synchronized long evictions() {
        return evictions;
    }

    @GuardedBy("this")
    private Node upsert(String namespace, Namespace ns, Bytes key, byte @Nullable [] value, long timestamp) {
        Node node = ns.entries.get(key);
        if (node == null) {
            node = new Node(namespace, key, value, timestamp);
            ns.entries.put(key, node);
            sizeBytes += node.size();
            linkYoungest(node);
        } else {
            sizeBytes -= node.size();
            node.value = value;
            node.timestamp = timestamp;
            sizeBytes += node.size();
            moveToYoungEnd(node);
        }
        return node;
    }

    @GuardedBy("this")
    private void flush(String name, Namespace ns) {
        if (ns.dirtyKeys.isEmpty()) {
            return;
        }
        List<DirtyEntry> entries = new ArrayList<>(ns.dirtyKeys.size());
        for (Bytes key : ns.dirtyKeys) {
            Node node = Objects.requireNonNull(ns.entries.get(key), "dirty key without an entry");
            node.dirty = false;
            entries.add(new DirtyEntry(key, node.value, node.timestamp));
        }
        ns.dirtyKeys.clear();
        ns.listener.apply(entries);
    }

    @GuardedBy("this")
    private void evictIfNeeded() {
        while (sizeBytes > maxBytes && lru.next != lru) {
            Node eldest = lru.next;
            Namespace ns = namespace(eldest.namespace);
            if (eldest.dirty) {
                flush(eldest.namespace, ns);
            }
            unlink(eldest);
            ns.entries.remove(eldest.key);
            sizeBytes -= eldest.size();
            evictions++;
        }
    }

    @GuardedBy("this")
    private Namespace namespace(String name) {
        Namespace ns = namespaces.get(name);
        if (ns == null) {
            throw new IllegalStateException("no cache namespace " + name);
        }
        return ns;
    }

    @GuardedBy("this")
    private void linkYoungest(Node node) {
        node.prev = lru.prev;
        node.next = lru;
        lru.prev.next = node;
        lru.prev = node;
    }

    @GuardedBy("this")
    private void moveToYoungEnd(Node node) {
        unlink(node);
        linkYoungest(node);
    }

    private static void unlink(Node node) {
        node.prev.next = node.next;
        node.next.prev = node.prev;
        node.prev = node;
        node.next = node;
    }

    private static final class Namespace {
        final TreeMap<Bytes, Node> entries = new TreeMap<>();
        final LinkedHashSet<Bytes> dirtyKeys = new LinkedHashSet<>();
        final FlushListener listener;

        Namespace(FlushListener listener) {
            this.listener = listener;
        }
    }

    private static final class Node {
        final String namespace;
        final Bytes key;
        byte @Nullable [] value;
        long timestamp;
        boolean dirty;
        Node prev = this;
        Node next = this;

        Node(String namespace, Bytes key, byte @Nullable [] value, long timestamp) {
            this.namespace = namespace;
            this.key = key;
            this.value = value;
            this.timestamp = timestamp;
        }

        long size() {
            return (long) key.length() + (value == null ? 0 : value.length) + ENTRY_OVERHEAD_BYTES;
        }
    }
}
