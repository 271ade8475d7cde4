package io.runnel.streams.kstream;

/** Adds a value to an aggregate. */
@FunctionalInterface
public interface Aggregator<K, V, VA> {
    VA apply(K key, V value, VA aggregate);
}
