package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValueIterator;
import org.jspecify.annotations.Nullable;

/** One time segment: a sorted byte map. Not thread-safe for writes. */
public interface Segment {

    /** The segment id: {@code segmentTime / segmentInterval}. */
    long id();

    byte @Nullable [] get(Bytes key);

    /** Puts {@code value}, or deletes {@code key} when it is null. */
    void put(Bytes key, byte @Nullable [] value);

    /** Keys in {@code [from, to]} (null bounds open), ascending or descending. Must be closed. */
    KeyValueIterator<Bytes, byte[]> range(@Nullable Bytes from, @Nullable Bytes to, boolean forward);
}
