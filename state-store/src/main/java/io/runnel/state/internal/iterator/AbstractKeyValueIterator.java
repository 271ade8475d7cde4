package io.runnel.state.internal.iterator;

import io.runnel.state.InvalidStateStoreException;
import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import java.util.NoSuchElementException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link KeyValueIterator} that computes its next pair on demand with {@link #computeNext()}. Subclasses release
 * their resources in {@link #closeResources()}; using an iterator after close throws {@link
 * InvalidStateStoreException}, as using a closed store does. Not thread-safe.
 */
public abstract class AbstractKeyValueIterator<K, V> implements KeyValueIterator<K, V> {
    private @Nullable KeyValue<K, V> next;
    private boolean done;
    private boolean closed;

    /** The next pair, or null at the end. */
    protected abstract @Nullable KeyValue<K, V> computeNext();

    /** Releases the iterator's resources; called once. */
    protected void closeResources() {}

    @Override
    public final boolean hasNext() {
        if (closed) {
            throw new InvalidStateStoreException("iterator is closed");
        }
        if (next != null) {
            return true;
        }
        if (done) {
            return false;
        }
        next = computeNext();
        if (next == null) {
            done = true;
        }
        return next != null;
    }

    @Override
    public final KeyValue<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        KeyValue<K, V> result = next;
        next = null;
        if (result == null) {
            throw new NoSuchElementException();
        }
        return result;
    }

    @Override
    public final K peekNextKey() {
        if (!hasNext() || next == null) {
            throw new NoSuchElementException();
        }
        return next.key();
    }

    @Override
    public final void close() {
        if (closed) {
            return;
        }
        closed = true;
        next = null;
        closeResources();
    }
}
