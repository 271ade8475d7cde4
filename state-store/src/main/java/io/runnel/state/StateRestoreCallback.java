package io.runnel.state;

import java.util.List;

/**
 * Applies changelog records to a store's storage engine during restoration, bypassing the caching and logging
 * layers. The runtime calls {@link #onRestoreStart}, then {@link #restoreBatch} any number of times, then {@link
 * #onRestoreEnd}, all on the thread that owns the store.
 */
public interface StateRestoreCallback {

    /** Restoration is about to start: a RocksDB store switches to bulk-load mode (no WAL, no auto compaction). */
    default void onRestoreStart() {}

    /** Applies one batch, in order. A null value deletes. */
    void restoreBatch(List<ChangelogRecord> records);

    /** Restoration is over: a RocksDB store flushes, compacts, and leaves bulk-load mode. */
    default void onRestoreEnd() {}
}
