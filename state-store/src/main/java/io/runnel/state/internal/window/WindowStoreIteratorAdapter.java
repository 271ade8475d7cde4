package io.runnel.state.internal.window;

import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.WindowStoreIterator;

/**
 * Presents a {@code KeyValueIterator<Long, V>} as a {@link WindowStoreIterator} by plain delegation (no extra
 * iteration state on the hot path). Owns the inner iterator.
 */
public final class WindowStoreIteratorAdapter<V> implements WindowStoreIterator<V> {
    private final KeyValueIterator<Long, V> inner;

    public WindowStoreIteratorAdapter(KeyValueIterator<Long, V> inner) {
        this.inner = inner;
    }

    @Override
    public boolean hasNext() {
        return inner.hasNext();
    }

    @Override
    public KeyValue<Long, V> next() {
        return inner.next();
    }

    @Override
    public Long peekNextKey() {
        return inner.peekNextKey();
    }

    @Override
    public void close() {
        inner.close();
    }
}
