package io.runnel.streams.kstream;

/** Merges the aggregates of two sessions that a new record joins. */
@FunctionalInterface
public interface Merger<K, V> {
    V apply(K aggKey, V aggOne, V aggTwo);
}
