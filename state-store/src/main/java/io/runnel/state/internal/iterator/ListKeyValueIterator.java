package io.runnel.state.internal.iterator;

import io.runnel.state.KeyValue;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Iterates over pairs held in memory: a snapshot of an in-memory store's range, or nothing. */
public final class ListKeyValueIterator<K, V> extends AbstractKeyValueIterator<K, V> {
    private final Iterator<KeyValue<K, V>> it;

    public ListKeyValueIterator(List<KeyValue<K, V>> pairs) {
        this.it = pairs.iterator();
    }

    public static <K, V> ListKeyValueIterator<K, V> empty() {
        return new ListKeyValueIterator<>(List.of());
    }

    @Override
    protected @Nullable KeyValue<K, V> computeNext() {
        return it.hasNext() ? it.next() : null;
    }
}
