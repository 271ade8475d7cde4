package io.runnel.state;

import org.jspecify.annotations.Nullable;

/**
 * Read access to a window store. Time bounds are inclusive window start times. Records older than the store's
 * retention (measured from the largest window start seen) are never returned.
 *
 * <p>Forward iteration returns one key's windows by ascending start time. Key-range and all-key iteration return
 * windows ordered by time segment, then key bytes, then start time, as Kafka's stores do; backward variants return
 * the exact reverse.
 */
public interface ReadOnlyWindowStore<K, V> {

    /** The value of {@code key}'s window that starts at {@code windowStartTime}, or null. */
    @Nullable
    V fetch(K key, long windowStartTime);

    /** {@code key}'s windows that start in {@code [timeFrom, timeTo]}, oldest first. Must be closed. */
    WindowStoreIterator<V> fetch(K key, long timeFrom, long timeTo);

    /** {@code key}'s windows that start in {@code [timeFrom, timeTo]}, newest first. Must be closed. */
    WindowStoreIterator<V> backwardFetch(K key, long timeFrom, long timeTo);

    /** Windows of keys in {@code [keyFrom, keyTo]} (null bounds are open) that start in the time range. */
    KeyValueIterator<Windowed<K>, V> fetch(@Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo);

    /** The reverse of {@link #fetch(Object, Object, long, long)}. */
    KeyValueIterator<Windowed<K>, V> backwardFetch(@Nullable K keyFrom, @Nullable K keyTo, long timeFrom, long timeTo);

    /** Windows of every key that start in {@code [timeFrom, timeTo]}. */
    KeyValueIterator<Windowed<K>, V> fetchAll(long timeFrom, long timeTo);

    /** The reverse of {@link #fetchAll}. */
    KeyValueIterator<Windowed<K>, V> backwardFetchAll(long timeFrom, long timeTo);

    /** Every window within retention. */
    KeyValueIterator<Windowed<K>, V> all();

    /** The reverse of {@link #all}. */
    KeyValueIterator<Windowed<K>, V> backwardAll();
}
