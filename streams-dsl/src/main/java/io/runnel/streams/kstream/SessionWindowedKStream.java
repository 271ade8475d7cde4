package io.runnel.streams.kstream;

import io.runnel.common.utils.Bytes;
import io.runnel.state.SessionStore;
import io.runnel.state.Windowed;

/**
 * A grouped stream cut into sessions. When a record merges sessions, the replaced sessions are emitted with a null
 * value (a tombstone) and the merged one with the new aggregate, timestamped at its end.
 */
public interface SessionWindowedKStream<K, V> {

    KTable<Windowed<K>, Long> count();

    KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer);

    KTable<Windowed<K>, V> reduce(Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator, Merger<? super K, VR> merger);

    <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Merger<? super K, VR> merger,
            Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized);
}
