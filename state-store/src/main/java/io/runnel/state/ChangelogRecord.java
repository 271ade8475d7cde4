package io.runnel.state;

import io.runnel.common.utils.Bytes;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One record read back from a changelog topic, to restore a store.
 *
 * @param key the key as the store logged it
 * @param value the value, or null for a tombstone
 * @param timestamp the record's timestamp
 * @param offset the record's offset in the changelog partition
 */
public record ChangelogRecord(Bytes key, byte @Nullable [] value, long timestamp, long offset) {
    public ChangelogRecord {
        Objects.requireNonNull(key, "key cannot be null");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
    }

    /**
     * The canonical constructor as a method: NullAway does not see the nullness of record components compiled in
     * another module, but does see a method's, so other modules call this.
     */
    public static ChangelogRecord of(Bytes key, byte @Nullable [] value, long timestamp, long offset) {
        return new ChangelogRecord(key, value, timestamp, offset);
    }
}
