package io.runnel.state;

import org.jspecify.annotations.Nullable;

/**
 * Receives the changes a cached store writes down when its cache entries are flushed or evicted: the DSL forwards
 * them downstream, so that repeated updates of a key between commits are forwarded once.
 */
@FunctionalInterface
public interface CacheFlushListener<K, V> {
    /**
     * @param key the key that changed
     * @param newValue its new value, null if deleted
     * @param oldValue its previous value in the store below, if the listener asked for old values, else null
     * @param timestamp the timestamp of the record that last wrote the key
     */
    void apply(K key, @Nullable V newValue, @Nullable V oldValue, long timestamp);
}
