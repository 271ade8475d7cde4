package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.common.utils.Bytes;
import io.runnel.state.SessionBytesStoreSupplier;
import io.runnel.state.SessionStore;
import io.runnel.state.StoreBuilder;
import io.runnel.state.Stores;
import io.runnel.state.Windowed;
import io.runnel.streams.kstream.Aggregator;
import io.runnel.streams.kstream.Initializer;
import io.runnel.streams.kstream.KTable;
import io.runnel.streams.kstream.Materialized;
import io.runnel.streams.kstream.Merger;
import io.runnel.streams.kstream.Reducer;
import io.runnel.streams.kstream.SessionWindowedKStream;
import io.runnel.streams.kstream.SessionWindows;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Session-windowed aggregations: a session store retaining at least the inactivity gap plus grace. */
final class SessionWindowedKStreamImpl<K, V> implements SessionWindowedKStream<K, V> {
    private final KGroupedStreamImpl<K, V> grouped;
    private final SessionWindows windows;

    SessionWindowedKStreamImpl(KGroupedStreamImpl<K, V> grouped, SessionWindows windows) {
        this.grouped = grouped;
        this.windows = windows;
    }

    @Override
    public KTable<Windowed<K>, Long> count() {
        return count(Materialized.with(grouped.keySerde(), Serdes.Long()));
    }

    @Override
    public KTable<Windowed<K>, Long> count(Materialized<K, Long, SessionStore<Bytes, byte[]>> materialized) {
        Options.MaterializedInternal<K, Long, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                m,
                KGroupedStreamImpl.AGGREGATE_NAME,
                m.valueSerde() != null ? m.valueSerde() : Serdes.Long(),
                () -> 0L,
                (key, value, agg) -> (Long) Objects.requireNonNull(agg) + 1,
                (key, a, b) -> (Long) Objects.requireNonNull(a) + (Long) b,
                false);
    }

    @Override
    public KTable<Windowed<K>, V> reduce(Reducer<V> reducer) {
        return reduce(reducer, Materialized.with(grouped.keySerde(), grouped.valueSerde()));
    }

    @Override
    @SuppressWarnings("unchecked")
    public KTable<Windowed<K>, V> reduce(
            Reducer<V> reducer, Materialized<K, V, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(reducer, "reducer cannot be null");
        Options.MaterializedInternal<K, V, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                m,
                KGroupedStreamImpl.REDUCE_NAME,
                m.valueSerde() != null ? m.valueSerde() : grouped.valueSerde(),
                () -> null,
                (key, value, agg) -> {
                    Object v = Objects.requireNonNull(value, "null values are skipped before the reducer");
                    return agg == null ? v : reducer.apply((V) agg, (V) v);
                },
                (key, a, b) -> a == null ? b : reducer.apply((V) a, (V) b),
                true);
    }

    @Override
    public <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Merger<? super K, VR> merger) {
        return aggregate(initializer, aggregator, merger, Materialized.with(grouped.keySerde(), null));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <VR> KTable<Windowed<K>, VR> aggregate(
            Initializer<VR> initializer,
            Aggregator<? super K, ? super V, VR> aggregator,
            Merger<? super K, VR> merger,
            Materialized<K, VR, SessionStore<Bytes, byte[]>> materialized) {
        Objects.requireNonNull(initializer, "initializer cannot be null");
        Objects.requireNonNull(aggregator, "aggregator cannot be null");
        Objects.requireNonNull(merger, "merger cannot be null");
        Options.MaterializedInternal<K, VR, ?> m = new Options.MaterializedInternal<>(materialized);
        return aggregate(
                m,
                KGroupedStreamImpl.AGGREGATE_NAME,
                m.valueSerde(),
                initializer::apply,
                (key, value, agg) -> aggregator.apply(
                        (K) key,
                        (V) Objects.requireNonNull(value, "null values are skipped before the aggregator"),
                        (VR) Objects.requireNonNull(agg)),
                (key, a, b) -> merger.apply((K) key, (VR) Objects.requireNonNull(a), (VR) b),
                true);
    }

    private <VR> KTable<Windowed<K>, VR> aggregate(
            Options.MaterializedInternal<K, ?, ?> m,
            String prefix,
            @Nullable Serde<VR> aggSerde,
            Supplier<@Nullable Object> initializer,
            KStreamAggregate.Step step,
            KStreamSessionWindowAggregate.Merge merger,
            boolean skipNullValues) {
        KGroupedStreamImpl.Names names = grouped.names(m.storeName(), null, prefix);
        String storeName = names.store();
        long minRetention = windows.inactivityGap() + windows.gracePeriodMs();
        Duration given = m.retention();
        long retention = given != null ? given.toMillis() : minRetention;
        if (retention < minRetention) {
            throw new IllegalArgumentException("The retention period of the session store " + storeName + " ("
                    + retention + " ms) must be no smaller than its inactivity gap plus the grace period ("
                    + minRetention + " ms)");
        }
        Serde<K> keySerde = m.keySerde() != null ? m.keySerde() : grouped.keySerde();
        SessionBytesStoreSupplier supplier = m.inMemory()
                ? Stores.inMemorySessionStore(storeName, Duration.ofMillis(retention))
                : Stores.persistentSessionStore(storeName, Duration.ofMillis(retention));
        StoreBuilder<SessionStore<K, VR>> store = Stores.sessionStoreBuilder(
                supplier,
                grouped.orDeferred(keySerde, true, storeName),
                grouped.orDeferred(aggSerde, false, storeName));
        store = m.cachingEnabled() ? store.withCachingEnabled() : store.withCachingDisabled();
        store = m.loggingEnabled() ? store.withLoggingEnabled(m.topicConfig()) : store.withLoggingDisabled();
        InternalStreamsBuilder builder = grouped.stream().builder();
        builder.topology()
                .addProcessor(
                        names.node(),
                        () -> new KStreamSessionWindowAggregate(
                                storeName, windows, initializer, step, merger, skipNullValues),
                        List.of(names.parent()));
        builder.topology().addStateStore(store, List.of(names.node()));
        return new KTableImpl<>(
                builder, names.node(), storeName, null, aggSerde, windows.inactivityGap() + windows.gracePeriodMs());
    }
}
