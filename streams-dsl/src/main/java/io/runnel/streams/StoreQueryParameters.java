package io.runnel.streams;

import io.runnel.state.QueryableStoreType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What an interactive query asks {@code RunnelStreams.store} for: a store by name and type, optionally one partition
 * only, optionally while the instance is rebalancing. Immutable, as Kafka's class of the same name.
 *
 * @param <T> the read-only store type
 */
public final class StoreQueryParameters<T> {
    private final String storeName;
    private final QueryableStoreType<T> queryableStoreType;
    private final @Nullable Integer partition;
    private final boolean staleStores;

    private StoreQueryParameters(
            String storeName, QueryableStoreType<T> queryableStoreType, @Nullable Integer partition, boolean stale) {
        this.storeName = storeName;
        this.queryableStoreType = queryableStoreType;
        this.partition = partition;
        this.staleStores = stale;
    }

    /** The store {@code storeName}, queried as {@code queryableStoreType} (see {@code QueryableStoreTypes}). */
    public static <T> StoreQueryParameters<T> fromNameAndType(
            String storeName, QueryableStoreType<T> queryableStoreType) {
        Objects.requireNonNull(storeName, "storeName cannot be null");
        Objects.requireNonNull(queryableStoreType, "queryableStoreType cannot be null");
        return new StoreQueryParameters<>(storeName, queryableStoreType, null, false);
    }

    /** Only the instance of the store that holds {@code partition}; null for every local instance. */
    public StoreQueryParameters<T> withPartition(@Nullable Integer partition) {
        if (partition != null && partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, staleStores);
    }

    /** Allows the query while the instance is rebalancing (stores may lag behind the input then). */
    public StoreQueryParameters<T> enableStaleStores() {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, true);
    }

    public String storeName() {
        return storeName;
    }

    public QueryableStoreType<T> queryableStoreType() {
        return queryableStoreType;
    }

    public @Nullable Integer partition() {
        return partition;
    }

    public boolean staleStoresEnabled() {
        return staleStores;
    }

    @Override
    public String toString() {
        return "StoreQueryParameters{storeName=" + storeName + ", partition=" + partition + ", staleStores="
                + staleStores + "}";
    }
}
