package io.runnel.state;

/** An iterator over one key's windows: keys are window start timestamps. Must be closed. */
public interface WindowStoreIterator<V> extends KeyValueIterator<Long, V> {}
