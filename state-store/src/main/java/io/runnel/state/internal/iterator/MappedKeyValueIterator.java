package io.runnel.state.internal.iterator;

import io.runnel.state.KeyValue;
import io.runnel.state.KeyValueIterator;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Maps the pairs of an inner iterator, which it owns and closes; pairs mapped to null are skipped (a filter and a
 * map in one pass, as window iterators need to drop other keys and expired windows).
 */
public class MappedKeyValueIterator<K1, V1, K2, V2> extends AbstractKeyValueIterator<K2, V2> {
    private final KeyValueIterator<K1, V1> inner;
    private final Function<KeyValue<K1, V1>, @Nullable KeyValue<K2, V2>> mapper;

    public MappedKeyValueIterator(
            KeyValueIterator<K1, V1> inner, Function<KeyValue<K1, V1>, @Nullable KeyValue<K2, V2>> mapper) {
        this.inner = inner;
        this.mapper = mapper;
    }

    @Override
    protected @Nullable KeyValue<K2, V2> computeNext() {
        while (inner.hasNext()) {
            KeyValue<K2, V2> mapped = mapper.apply(inner.next());
            if (mapped != null) {
                return mapped;
            }
        }
        return null;
    }

    @Override
    protected void closeResources() {
        inner.close();
    }
}
