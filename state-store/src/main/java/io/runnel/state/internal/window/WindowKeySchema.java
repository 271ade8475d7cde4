package io.runnel.state.internal.window;

import io.runnel.common.utils.Bytes;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import io.runnel.state.internal.segment.KeyBounds;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The store key of a window store, Kafka's layout (also the changelog key):
 *
 * <pre>
 * +----------------+-------------------------------+--------------------+
 * | key (n bytes)  | window start (8, big-endian)  | seqnum (4, big-e.) |
 * +----------------+-------------------------------+--------------------+
 * </pre>
 *
 * Sorting store keys orders one key's windows by start time (window starts are non-negative, so big-endian order is
 * numeric order). The sequence number is 0 unless the store retains duplicates, where it tells apart puts of the
 * same key and window.
 */
public final class WindowKeySchema {
    static final int SUFFIX = Long.BYTES + Integer.BYTES;

    private WindowKeySchema() {}

    public static Bytes toStoreKey(Bytes key, long windowStart, int seqnum) {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(k.length + SUFFIX)
                .put(k)
                .putLong(windowStart)
                .putInt(seqnum)
                .array());
    }

    public static Bytes extractKey(Bytes storeKey) {
        byte[] b = storeKey.get();
        return Bytes.wrap(Arrays.copyOfRange(b, 0, b.length - SUFFIX));
    }

    public static long extractWindowStart(Bytes storeKey) {
        byte[] b = storeKey.get();
        return ByteBuffer.wrap(b, b.length - SUFFIX, Long.BYTES).getLong();
    }

    /** Whether the key part of {@code storeKey} equals {@code key}, without copying. */
    static boolean keyEquals(Bytes storeKey, Bytes key) {
        byte[] b = storeKey.get();
        byte[] k = key.get();
        return b.length == k.length + SUFFIX && Arrays.equals(b, 0, k.length, k, 0, k.length);
    }

    /** Whether the key part of {@code storeKey} lies in {@code [from, to]} (null bounds open). */
    static boolean keyInRange(Bytes storeKey, @Nullable Bytes from, @Nullable Bytes to) {
        return keyInRange(storeKey, SUFFIX, from, to);
    }

    /** Whether the key part of a store key with a {@code suffix}-byte suffix lies in {@code [from, to]}. */
    public static boolean keyInRange(Bytes storeKey, int suffix, @Nullable Bytes from, @Nullable Bytes to) {
        byte[] b = storeKey.get();
        int n = b.length - suffix;
        return (from == null || Arrays.compareUnsigned(b, 0, n, from.get(), 0, from.length()) >= 0)
                && (to == null || Arrays.compareUnsigned(b, 0, n, to.get(), 0, to.length()) <= 0);
    }

    static Bytes lowerBound(Bytes key, long timeFrom) {
        return toStoreKey(key, timeFrom, 0);
    }

    static Bytes upperBound(Bytes key, long timeTo) {
        return toStoreKey(key, timeTo, -1);
    }

    static Bytes upperBoundForKeyRange(Bytes keyTo, long timeTo) {
        byte[] maxSuffix =
                ByteBuffer.allocate(SUFFIX).putLong(timeTo).putInt(-1).array();
        return KeyBounds.upperBoundForKeyRange(keyTo, maxSuffix);
    }

    public static Windowed<Bytes> toWindowed(Bytes storeKey, long windowSize) {
        long start = extractWindowStart(storeKey);
        long end = start + windowSize < start ? Long.MAX_VALUE : start + windowSize;
        return new Windowed<>(extractKey(storeKey), new Window(start, end));
    }
}
