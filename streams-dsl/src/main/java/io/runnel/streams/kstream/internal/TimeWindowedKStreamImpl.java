package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.common.utils.Bytes;
import io.runnel.state.StoreBuilder;
import io.runnel.state.Stores;
import io.runnel.state.TimestampedWindowStore;
import io.runnel.state.WindowBytesStoreSupplier;
import io.runnel.state.WindowStore;
import io.runnel.state.Windowed;
import io.runnel.streams.kstream.Aggregator;
import io.runnel.streams.kstream.Initializer;
import io.runnel.streams.kstream.KTable;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Named;
import io.runnel.streams.kstream.Reducer;
import io.runnel.streams.kstream.SlidingWindows;
import io.runnel.streams.kstream.TimeWindowedKStream;
import io.runnel.streams.kstream.TimeWindows;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Time-windowed aggregations: a timestamped window store retaining at least window size plus grace. */
final class TimeWindowedKStreamImpl<K, V> implements TimeWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final @Nullable TimeWindows windows;
    private final @Nullable SlidingWindows sliding;

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, TimeWindows windows) {
        this.grouped = grouped;
        this.windows = windows;
        this.sliding = null;
    }

    TimeWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SlidingWindows sliding) {
        this.grouped = grouped;
        this.windows = null;
        this.sliding = sliding;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(null, Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        return count(null, materialized);
    }

    @Override
    public KTable<Windowed<K>, Long> count(
            @Nullable Named named, Materialized<K, Long, WindowStore<Bytes, byte[]>> materialized) {
        Options.MaterializedInternal<K, Long, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                named,
                m,
                KGroupedStreamImpl.AGGREGATE_NAME,
                m.valueSerde() != null ? m.valueSerde() : Serdes.Long(),
                () -> 0L,
                (key, value, agg) -> agg == null ? 1L : (Long) agg + 1,
                false);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public KTable<Windowed<K>, V> reduce(
            Reducer<V> reducer, Materialized<K, V, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer cannot be null");
        Options.MaterializedInternal<K, V, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                null,
                m,
                KGroupedStreamImpl.REDUCE_NAME,
                m.valueSerde() != null ? m.valueSerde() : grouped.valueSerde(),
                () -> null,
                (key, value, agg) -> {
                    Object v = Objects.requireNonNull(value, "null values are skipped before the reducer");
                    return agg == null ? v : reducer.apply((V) agg, (V) v);
                },
                true);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer, Aggregator<? super K, ? super V, VR> aggregator) {
        return aggregate(initializer, aggregator, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Materialized<K, VR, WindowStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer cannot be null");
        Objects.requireNonNull(aggregator, "aggregator cannot be null");
        Options.MaterializedInternal<K, VR, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                null,
                m,
                KGroupedStreamImpl.AGGREGATE_NAME,
                m.valueSerde(),
                initializer::apply,
                (key, value, agg) -> aggregator.apply(
                        (K) key,
                        (V) Objects.requireNonNull(value, "null values are skipped before the aggregator"),
                        agg == null ? initializer.apply() : (VR) agg),
                true);
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(
            @Nullable Named named,
            Options.MaterializedInternal<K, ?, ?> m,
            String prefix,
            @Nullable Serde<VR> aggSerde,
            Supplier<@Nullable Object> initializer,
            KStreamAggregate.Step step,
            boolean skipNullValues) {
        KGroupedStreamImpl.Names names = grouped.names(m.storeName(), named, prefix);
        String storeName = names.store();
        long size = windows != null
                ? windows.size()
                : Objects.requireNonNull(sliding).timeDifferenceMs();
        long grace = windows != null
                ? windows.gracePeriodMs()
                : Objects.requireNonNull(sliding).gracePeriodMs();
        long minRetention = size + grace;
        Duration given = m.retention();
        // sliding windows reach back two time differences to find the previous record's windows, as in Kafka
        long retention = given != null ? given.toMillis() : (windows != null ? minRetention : 2 * size + grace);
        if (retention < minRetention) {
            throw new IllegalArgumentException("The retention period of the window store " + storeName + " ("
                    + retention + " ms) must be no smaller than its window size plus the grace period ("
                    + minRetention + " ms)");
        }
        Serde<K> keySerde = m.keySerde() != null ? m.keySerde() : grouped.keySerde();
        WindowBytesStoreSupplier supplier = m.inMemory()
                ? Stores.inMemoryWindowStore(storeName, Duration.ofMillis(retention), Duration.ofMillis(size), false)
                : Stores.persistentTimestampedWindowStore(
                        storeName, Duration.ofMillis(retention), Duration.ofMillis(size), false);
        StoreBuilder<TimestampedWindowStore<K, VR>> store = Stores.timestampedWindowStoreBuilder(
                supplier,
                grouped.orDeferred(keySerde, true, storeName),
                grouped.orDeferred(aggSerde, false, storeName));
        store = m.cachingEnabled() ? store.withCachingEnabled() : store.withCachingDisabled();
        store = m.loggingEnabled() ? store.withLoggingEnabled(m.topicConfig()) : store.withLoggingDisabled();
        InternalStreamsBuilder builder = grouped.stream().builder();
        builder.topology()
                .addProcessor(
                        names.node(),
                        () -> windows != null
                                ? new KStreamWindowAggregate(storeName, windows, step, skipNullValues)
                                : new KStreamSlidingWindowAggregate(
                                        storeName, Objects.requireNonNull(sliding), initializer, step, skipNullValues),
                        List.of(names.parent()));
        builder.topology().addStateStore(store, List.of(names.node()));
        return new KTableImpl<>(builder, names.node(), storeName, null, aggSerde, grace);
    }
}
