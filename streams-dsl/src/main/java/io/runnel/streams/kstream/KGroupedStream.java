package io.runnel.streams.kstream;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueStore;

/**
 * A stream grouped by key, ready to aggregate. Records with a null key are dropped (and counted) by aggregations, as
 * in Kafka; {@code reduce} and {@code aggregate} drop records with a null value too ({@code count} counts them). The result table's store is named by {@link Materialized#as(String)}, or generated
 * ({@code KSTREAM-AGGREGATE-STATE-STORE-0000000003}).
 */
public interface KGroupedStream<K, V> {

    KTable<K, Long> count();

    KTable<K, Long> count(Named named);

    KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, Long> count(Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized);

    /** Records with a null value are dropped too. */
    KTable<K, V> reduce(Reducer<V> reducer);

    KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, V> reduce(Reducer<V> reducer, Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<K, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    <VR> KTable<K, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Named named,
            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized);

    /** Aggregates per key and time window (tumbling or hopping). */
    TimeWindowedKStream<K, V> windowedBy(TimeWindows windows);

    /** Aggregates per key and sliding window. */
    TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows);

    /** Aggregates per key and session. */
    SessionWindowedKStream<K, V> windowedBy(SessionWindows windows);
}
