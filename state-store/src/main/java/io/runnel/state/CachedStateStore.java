package io.runnel.state;

/** A store that may have a record cache, whose flushes can be observed. */
public interface CachedStateStore<K, V> {
    /**
     * Sets the listener of flushed entries.
     *
     * @param sendOldValues whether to read each key's previous value from the store below before writing it
     * @return true if this store has a cache (the listener will be called), false if it has none (the caller must
     *     forward changes itself)
     */
    boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues);
}
