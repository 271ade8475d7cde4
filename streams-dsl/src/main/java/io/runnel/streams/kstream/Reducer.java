package io.runnel.streams.kstream;

/** Combines the current aggregate with a new value of the same type. */
@FunctionalInterface
public interface Reducer<V> {
    V apply(V aggregate, V value);
}
