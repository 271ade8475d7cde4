package io.runnel.state;

import io.runnel.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/**
 * Where a logged store sends every change. The runtime implements this by producing to the store's compacted
 * changelog topic ({@code <application.id>-<store name>-changelog}), in the order the changes are made.
 *
 * <p>Called on the thread that owns the store. The arrays are borrowed for the duration of the call: an
 * implementation that keeps them past the call must copy them.
 */
@FunctionalInterface
public interface ChangelogWriter {

    /** A writer that drops every change, for stores with logging disabled. */
    ChangelogWriter NONE = (storeName, key, value, timestamp) -> {};

    /**
     * Records one change.
     *
     * @param storeName the store that changed
     * @param key the key in the store's byte layout (window and session stores include the window)
     * @param value the new value, or null for a deletion (a tombstone)
     * @param timestamp the timestamp of the record that caused the change
     */
    void log(String storeName, Bytes key, byte @Nullable [] value, long timestamp);
}
