package io.runnel.state;

import io.runnel.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Read access to a key-value store, for interactive queries and for processors.
 *
 * <p>Range bounds are inclusive; a {@code null} bound is open. A range whose {@code from} is greater than its
 * {@code to} is empty. Keys are ordered by their serialized bytes (unsigned lexicographic), not by the key type's
 * natural order.
 */
public interface ReadOnlyKeyValueStore<K, V> {

    /**
     * The value for {@code key}, or {@code null} if there is none.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    @Nullable
    V get(K key);

    /** The pairs whose keys lie in {@code [from, to]}, in ascending key order. The iterator must be closed. */
    KeyValueIterator<K, V> range(@Nullable K from, @Nullable K to);

    /** The pairs whose keys lie in {@code [from, to]}, in descending key order. The iterator must be closed. */
    KeyValueIterator<K, V> reverseRange(@Nullable K from, @Nullable K to);

    /** Every pair in ascending key order. The iterator must be closed. */
    KeyValueIterator<K, V> all();

    /** Every pair in descending key order. The iterator must be closed. */
    KeyValueIterator<K, V> reverseAll();

    /**
     * The pairs whose serialized keys start with the serialized {@code prefix}, in ascending key order.
     *
     * @param prefix the prefix, serialized with {@code prefixSerializer}
     * @param prefixSerializer turns the prefix into the bytes that keys must start with
     */
    <P> KeyValueIterator<K, V> prefixScan(P prefix, Serializer<P> prefixSerializer);

    /** An estimate of the number of keys; exact for in-memory stores, RocksDB's estimate for RocksDB stores. */
    long approximateNumEntries();
}
