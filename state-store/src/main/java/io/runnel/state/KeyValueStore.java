package io.runnel.state;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A key-value store. Writing a {@code null} value deletes the key.
 *
 * <p>Not thread-safe for writes: the owning stream thread writes; see {@link StateStore}.
 */
public interface KeyValueStore<K, V> extends StateStore, ReadOnlyKeyValueStore<K, V> {

    /**
     * Maps {@code key} to {@code value}, or deletes {@code key} when {@code value} is null.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws InvalidStateStoreException if the store is not open
     */
    void put(K key, @Nullable V value);

    /** Puts {@code value} only if {@code key} has no value; returns the existing value, or null if it put. */
    @Nullable
    V putIfAbsent(K key, @Nullable V value);

    /** Puts every entry, in order. A null value in an entry is not allowed: use {@link #delete}. */
    void putAll(List<KeyValue<K, V>> entries);

    /** Deletes {@code key} and returns its previous value, or null if it had none. */
    @Nullable
    V delete(K key);
}
