package io.runnel.state;

import java.util.Map;
import org.rocksdb.Options;

/**
 * A hook for users who tune RocksDB, as Kafka Streams' {@code RocksDBConfigSetter}. It is called once per store
 * (and once per store, not per segment, for window and session stores) after Runnel has set its defaults: the shared
 * block cache and write buffer manager of {@link RocksDBMemory}, bloom filters and the table format.
 *
 * <p>Objects the setter creates and sets on {@code options} (a filter, a cache of its own) are the setter's: close
 * them in {@link #close}. Replacing the shared block cache gives up Runnel's memory bound.
 */
public interface RocksDBConfigSetter {

    /** The setter that changes nothing. */
    RocksDBConfigSetter NONE = (storeName, options, configs) -> {};

    /** Adjusts {@code options} for the store {@code storeName} before its database is opened. */
    void setConfig(String storeName, Options options, Map<String, Object> configs);

    /** Closes what {@link #setConfig} created for this store, after the store's database is closed. */
    default void close(String storeName, Options options) {}
}
