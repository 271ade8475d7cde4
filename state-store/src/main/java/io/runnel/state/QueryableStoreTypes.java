package io.runnel.state;

import io.runnel.state.internal.query.CompositeReadOnlyKeyValueStore;
import io.runnel.state.internal.query.CompositeReadOnlySessionStore;
import io.runnel.state.internal.query.CompositeReadOnlyWindowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store types interactive queries ask for, as Kafka's {@code QueryableStoreTypes}: pass one to {@code
 * StoreQueryParameters.fromNameAndType}. {@link #keyValueStore()} and {@link #windowStore()} also read timestamped
 * stores (the DSL's), returning the plain values.
 */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {}

    /** Key-value stores, timestamped or not, read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof KeyValueStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyKeyValueStore<K, V> create(List<StateStore> stores) {
                List<ReadOnlyKeyValueStore<K, Object>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add(ReadOnlyViews.of((KeyValueStore<K, Object>) s));
                }
                boolean timestamped = !stores.isEmpty() && stores.get(0) instanceof TimestampedKeyValueStore<?, ?>;
                return new CompositeReadOnlyKeyValueStore<>(
                        views, timestamped ? QueryableStoreTypes::plainValue : v -> (V) v);
            }
        };
    }

    /** Timestamped key-value stores, read with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> timestampedKeyValueStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedKeyValueStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>> create(List<StateStore> stores) {
                List<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add(ReadOnlyViews.of((TimestampedKeyValueStore<K, V>) s));
                }
                return new CompositeReadOnlyKeyValueStore<>(views, Function.identity());
            }
        };
    }

    /** Window stores, timestamped or not, read as plain values. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof WindowStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyWindowStore<K, V> create(List<StateStore> stores) {
                List<ReadOnlyWindowStore<K, Object>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add(ReadOnlyViews.of((WindowStore<K, Object>) s));
                }
                boolean timestamped = !stores.isEmpty() && stores.get(0) instanceof TimestampedWindowStore<?, ?>;
                return new CompositeReadOnlyWindowStore<>(
                        views, timestamped ? QueryableStoreTypes::plainValue : v -> (V) v);
            }
        };
    }

    /** Timestamped window stores, read with their timestamps. */
    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof TimestampedWindowStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlyWindowStore<K, ValueAndTimestamp<V>> create(List<StateStore> stores) {
                List<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add(ReadOnlyViews.of((TimestampedWindowStore<K, V>) s));
                }
                return new CompositeReadOnlyWindowStore<>(views, Function.identity());
            }
        };
    }

    /** Session stores. */
    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new QueryableStoreType<>() {
            @Override
            public boolean accepts(StateStore store) {
                return store instanceof SessionStore<?, ?>;
            }

            @Override
            @SuppressWarnings("unchecked")
            public ReadOnlySessionStore<K, V> create(List<StateStore> stores) {
                List<ReadOnlySessionStore<K, V>> views = new ArrayList<>();
                for (StateStore s : stores) {
                    views.add(ReadOnlyViews.of((SessionStore<K, V>) s));
                }
                return new CompositeReadOnlySessionStore<>(views);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <V> V plainValue(@Nullable Object valueAndTimestamp) {
        return (V) ((ValueAndTimestamp<Object>) java.util.Objects.requireNonNull(valueAndTimestamp)).value();
    }
}
