package io.runnel.streams.kstream;

import io.runnel.common.utils.Bytes;
import io.runnel.state.WindowStore;
import io.runnel.state.Windowed;

/**
 * A grouped stream cut into time windows, ready to aggregate per key and window. Each update is emitted with the
 * largest timestamp of the records in its window; records later than the window's end plus grace are dropped and
 * counted.
 */
public interface TimeWindowedKStream<K, V> {

    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, Long> count(Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator);

    <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized);
}
