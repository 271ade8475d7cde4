package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/** Decides whether a record passes (filter, branch). */
@FunctionalInterface
public interface Predicate<K, V> {
    boolean test(@Nullable K key, @Nullable V value);
}
