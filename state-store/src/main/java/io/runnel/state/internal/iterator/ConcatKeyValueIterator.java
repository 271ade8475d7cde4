package io.runnel.state.internal.iterator;

import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Iterates over the iterators of several segments one after another, opening each only when the previous one is
 * exhausted, so that at most one segment iterator is open at a time. Owns and closes the iterators it opens.
 */
public final class ConcatKeyValueIterator<K, V> extends AbstractKeyValueIterator<K, V> {
    private final Iterator<Supplier<KeyValueIterator<K, V>>> sources;
    private @Nullable KeyValueIterator<K, V> current;

    public ConcatKeyValueIterator(List<Supplier<KeyValueIterator<K, V>>> sources) {
        this.sources = sources.iterator();
    }

    @Override
    protected @Nullable KeyValue<K, V> computeNext() {
        while (true) {
            KeyValueIterator<K, V> it = current;
            if (it != null && it.hasNext()) {
                return it.next();
            }
            if (it != null) {
                it.close();
                current = null;
            }
            if (!sources.hasNext()) {
                return null;
            }
            current = sources.next().get();
        }
    }

    @Override
    protected void closeResources() {
        KeyValueIterator<K, V> it = current;
        if (it != null) {
            it.close();
            current = null;
        }
    }
}
