package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueBytesStoreSupplier;
import io.runnel.state.KeyValueStore;
import io.runnel.state.StoreBuilder;
import io.runnel.state.Stores;
import io.runnel.state.TimestampedKeyValueStore;
import io.runnel.streams.kstream.Aggregator;
import io.runnel.streams.kstream.Initializer;
import io.runnel.streams.kstream.KGroupedStream;
import io.runnel.streams.kstream.KTable;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Reducer;
import io.runnel.streams.kstream.SessionWindowedKStream;
import io.runnel.streams.kstream.SessionWindows;
import io.runnel.streams.kstream.SlidingWindows;
import io.runnel.streams.kstream.TimeWindowedKStream;
import io.runnel.streams.kstream.TimeWindows;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A grouped stream. Each aggregation declares its store, then (if the key may have changed upstream) writes the
 * stream through a repartition topic named after the {@code Grouped} name or the store, then adds the aggregating
 * processor; names are drawn in Kafka's order (store, processor, repartition sink/filter/source).
 */
final class KGroupedStreamImpl<K, V> implements KGroupedStream<K, V> {
    static final String AGGREGATE_NAME = "KSTREAM-AGGREGATE-";
    static final String REDUCE_NAME = "KSTREAM-REDUCE-";

    private final KStreamImpl<K, V> stream;
    private final boolean repartitionRequired;
    private final @Nullable Serde<K> keySerde;
    private final @Nullable Serde<V> valueSerde;
    private final @Nullable String groupedName;

    KGroupedStreamImpl(
            KStreamImpl<K, V> stream,
            boolean repartitionRequired,
            @Nullable Serde<K> keySerde,
            @Nullable Serde<V> valueSerde,
            @Nullable String groupedName) {
        this.stream = stream;
        this.repartitionRequired = repartitionRequired;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.groupedName = groupedName;
    }

    KStreamImpl<K, V> stream() {
        return stream;
    }

    @Nullable
    Serde<K> keySerde() {
        return keySerde;
    }

    @Nullable
    Serde<V> valueSerde() {
        return valueSerde;
    }

    @Override
    public KTable<K, Long> count() {
        return count(null, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Named named) {
        return count(named, Materialized.with(keySerde, Serdes.Long()));
    }

    @Override
    public KTable<K, Long> count(Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<K, Long> count(
            @Nullable Named named, Materialized<K, Long, KeyValueStore<Bytes, byte[]>> materialized) {
        Options.MaterializedInternal<K, Long, ?> m = new Options.MaterializedInternal<>(materialized);
        Serde<Long> longs = m.valueSerde() != null ? m.valueSerde() : Serdes.Long();
        return aggregate(
                named, m, AGGREGATE_NAME, longs, (key, value, agg) -> agg == null ? 1L : (Long) agg + 1, false);
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, null, Materialized.with(keySerde, valueSerde));
    }

    @Override
    public KTable<K, V> reduce(Reducer<V> reducer, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        return reduce(reducer, null, materialized);
    }

    @Override
    @SuppressWarnings("unchecked")
    public KTable<K, V> reduce(
            Reducer<V> reducer, @Nullable Named named, Materialized<K, V, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer cannot be null");
        Options.MaterializedInternal<K, V, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                named,
                m,
                REDUCE_NAME,
                m.valueSerde() != null ? m.valueSerde() : valueSerde,
                (key, value, agg) -> {
                    Object v = Objects.requireNonNull(value, "null values are skipped before the reducer");
                    return agg == null ? v : reducer.apply((V) agg, (V) v);
                },
                true);
    }

    @Override
    public <VR> KTable<K, VR> aggregate(Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, null, Materialized.with(keySerde, null));
    }

    @Override
    public <VR> KTable<K, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        return aggregate(initializer, aggregator, null, materialized);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VR> KTable<K, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            @Nullable Named named,
            Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer cannot be null");
        Objects.requireNonNull(aggregator, "aggregator cannot be null");
        Options.MaterializedInternal<K, VR, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                named,
                m,
                AGGREGATE_NAME,
                m.valueSerde(),
                (key, value, agg) -> aggregator.apply(
                        (K) key,
                        (V) Objects.requireNonNull(value, "null values are skipped before the aggregator"),
                        agg == null ? initializer.apply() : (VR) agg),
                true);
    }

    private <VR> KTable<K, VR> aggregate(
            @Nullable Named named,
            Options.MaterializedInternal<K, ?, ?> m,
            String prefix,
            @Nullable Serde<VR> aggSerde,
            KStreamAggregate.Step step,
            boolean skipNullValues) {
        InternalStreamsBuilder builder = stream.builder();
        Names names = names(m.storeName(), named, prefix);
        String storeName = names.store();
        String nodeName = names.node();
        String parent = names.parent();
        Serde<K> tableKeySerde = m.keySerde() != null ? m.keySerde() : keySerde;
        io.runnel.common.serialization.Serde<K> ks = orDeferred(tableKeySerde, true, storeName);
        io.runnel.common.serialization.Serde<VR> vs = orDeferred(aggSerde, false, storeName);
        KeyValueBytesStoreSupplier supplier = m.inMemory()
                ? Stores.inMemoryKeyValueStore(storeName)
                : Stores.persistentTimestampedKeyValueStore(storeName);
        StoreBuilder<TimestampedKeyValueStore<K, VR>> store = Stores.timestampedKeyValueStoreBuilder(supplier, ks, vs);
        store = m.cachingEnabled() ? store.withCachingEnabled() : store.withCachingDisabled();
        store = m.loggingEnabled() ? store.withLoggingEnabled(m.topicConfig()) : store.withLoggingDisabled();
        builder.topology()
                .addProcessor(nodeName, () -> new KStreamAggregate(storeName, step, skipNullValues), List.of(parent));
        builder.topology().addStateStore(store, List.of(nodeName));
        return new KTableImpl<>(builder, nodeName, storeName, tableKeySerde, aggSerde, -1);
    }

    /** The store, node and parent names of an aggregation. */
    record Names(String store, String node, String parent) {}

    /** Draws the names in Kafka's order: store, processor, then the repartition nodes (if needed). */
    Names names(@Nullable String storeGiven, @Nullable Named named, String prefix) {
        InternalStreamsBuilder builder = stream.builder();
        String storeName = storeGiven != null ? storeGiven : builder.newStoreName(prefix);
        String given = named == null ? null : new Options.NamedInternal(named).name();
        String nodeName = given != null ? given : builder.newProcessorName(prefix);
        return new Names(storeName, nodeName, repartitionIfRequired(storeName));
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(TimeWindows windows) {
        return new TimeWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows cannot be null"));
    }

    @Override
    public TimeWindowedKStream<K, V> windowedBy(SlidingWindows windows) {
        return new TimeWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows cannot be null"));
    }

    @Override
    public SessionWindowedKStream<K, V> windowedBy(SessionWindows windows) {
        return new SessionWindowedKStreamImpl<>(this, Objects.requireNonNull(windows, "windows cannot be null"));
    }

    <T> io.runnel.common.serialization.Serde<T> orDeferred(@Nullable Serde<T> serde, boolean key, String storeName) {
        if (serde != null) {
            return serde;
        }
        DeferredSerde<T> deferred = new DeferredSerde<>(key, storeName);
        stream.builder().topology().onConfigure(deferred::resolve);
        return deferred;
    }

    /**
     * Writes the stream through a repartition topic if its key may have changed; returns the node the aggregation
     * reads from (the repartition source, or the stream itself).
     */
    String repartitionIfRequired(String storeName) {
        if (!repartitionRequired) {
            return stream.name();
        }
        return stream.repartitionThrough(groupedName != null ? groupedName : storeName, keySerde, valueSerde);
    }
}
