package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/** Acts on each record (foreach, peek). */
@FunctionalInterface
public interface ForeachAction<K, V> {
    void apply(@Nullable K key, @Nullable V value);
}
