package io.runnel.state.internal.segment;

import io.runnel.state.ChangelogRecord;
import io.runnel.state.StateStoreContext;
import java.util.List;
import java.util.NavigableMap;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Where a segmented store keeps its segments: RocksDB column families or in-memory maps. Owned by one {@link
 * SegmentedBytesStore}; not thread-safe for writes.
 */
public interface SegmentStorage extends AutoCloseable {

    /** Opens the storage and returns the segments it already holds, by id. */
    NavigableMap<Long, Segment> open(StateStoreContext context);

    Segment create(long segmentId);

    /** Drops a segment and all its data. */
    void drop(long segmentId);

    /** A small value kept beside the segments (the observed stream time), or null. */
    byte @Nullable [] metadata(String key);

    void putMetadata(String key, byte[] value);

    /**
     * Applies restored records, routing each to the segment of its time, in as few writes as the storage allows.
     * Records whose segment is not in {@code live} are skipped (they are past retention).
     */
    void restore(
            List<ChangelogRecord> records,
            ToLongFunction<ChangelogRecord> segmentIdOf,
            NavigableMap<Long, Segment> live);

    default void startBulkLoad() {}

    default void endBulkLoad() {}

    void flush();

    boolean persistent();

    boolean isOpen();

    @Override
    void close();
}
