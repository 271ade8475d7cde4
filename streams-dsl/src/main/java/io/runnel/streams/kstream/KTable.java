package io.runnel.streams.kstream;

import org.jspecify.annotations.Nullable;

/**
 * A changelog stream seen as a table: the latest value per key. Produced by aggregations; in this version a table
 * can be turned back into a stream and queried through its store.
 */
public interface KTable<K, V> {

    /** The stream of this table's updates. */
    KStream<K, V> toStream();

    KStream<K, V> toStream(Named named);

    /**
     * Holds back updates as {@code suppressed} says: final results per window, or the latest value per key after a
     * time limit, in a bounded buffer.
     *
     * @throws IllegalArgumentException if final results are asked of a table that is not windowed
     */
    KTable<K, V> suppress(Suppressed<? super K> suppressed);

    /** The name of the store holding the table, or null if it is not materialized. */
    @Nullable
    String queryableStoreName();
}
