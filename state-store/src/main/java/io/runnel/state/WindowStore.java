package io.runnel.state;

import org.jspecify.annotations.Nullable;

/**
 * A store of values per key and fixed-size window, kept for a retention period and dropped a whole time segment at a
 * time. With {@code retainDuplicates} (for stream-stream joins) every put is kept, even for the same key and window,
 * and null values are ignored; otherwise a put replaces the window's value and a null value deletes it.
 */
public interface WindowStore<K, V> extends StateStore, ReadOnlyWindowStore<K, V> {

    /**
     * Puts {@code value} for {@code key}'s window starting at {@code windowStartTime}. A window older than the
     * retention period is dropped silently, as in Kafka.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code windowStartTime} is negative
     */
    void put(K key, @Nullable V value, long windowStartTime);
}
