package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/** Maps a record to a new value of any type (map, flatMap, selectKey, groupBy). */
@FunctionalInterface
public interface KeyValueMapper<K, V, VR> {
    VR apply(@Nullable K key, @Nullable V value);
}
