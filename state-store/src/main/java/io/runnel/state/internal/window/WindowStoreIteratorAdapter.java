package io.runnel.state.internal.window;

import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.WindowStoreIterator;
import io.runnel.state.internal.iterator.AbstractKeyValueIterator;
import org.jspecify.annotations.Nullable;

/** Presents a {@code KeyValueIterator<Long, V>} as a {@link WindowStoreIterator}. Owns the inner iterator. */
public final class WindowStoreIteratorAdapter<V> extends AbstractKeyValueIterator<Long, V>
        implements WindowStoreIterator<V> {
    private final KeyValueIterator<Long, V> inner;

    public WindowStoreIteratorAdapter(KeyValueIterator<Long, V> inner) {
        this.inner = inner;
    }

    @Override
    protected @Nullable KeyValue<Long, V> computeNext() {
        return inner.hasNext() ? inner.next() : null;
    }

    @Override
    protected void closeResources() {
        inner.close();
    }
}
