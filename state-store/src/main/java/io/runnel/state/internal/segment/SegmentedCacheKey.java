package io.runnel.state.internal.segment;

import io.runnel.common.utils.Bytes;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Record-cache keys of segmented stores: {@code [segment id: 8 bytes big-endian][store key]}, so that the cache's
 * sorted order is the store's segment-major order and cached entries merge into store scans.
 */
public final class SegmentedCacheKey {
    private SegmentedCacheKey() {}

    public static Bytes of(long segmentId, Bytes storeKey) {
        byte[] key = storeKey.get();
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + key.length)
                .putLong(segmentId)
                .put(key)
                .array());
    }

    public static Bytes storeKey(Bytes cacheKey) {
        byte[] b = cacheKey.get();
        return Bytes.wrap(Arrays.copyOfRange(b, Long.BYTES, b.length));
    }

    /** The smallest cache key of segment {@code segmentId}. */
    public static Bytes segmentStart(long segmentId) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(segmentId).array());
    }

    /** A bound above every cache key of segment {@code segmentId} and below those of later segments. */
    public static Bytes segmentEnd(long segmentId) {
        return segmentStart(segmentId + 1);
    }
}
