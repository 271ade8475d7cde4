package io.runnel.state.internal.session;

import io.runnel.common.utils.Bytes;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import io.runnel.state.internal.segment.KeyBounds;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The store key of a session store, Kafka's layout (also the changelog key):
 *
 * <pre>
 * +----------------+-----------------------------+-------------------------------+
 * | key (n bytes)  | session end (8, big-endian) | session start (8, big-endian) |
 * +----------------+-----------------------------+-------------------------------+
 * </pre>
 *
 * Segments are chosen by the end time, so a key's sessions sort by end, then start.
 */
public final class SessionKeySchema {
    static final int SUFFIX = 2 * Long.BYTES;

    private SessionKeySchema() {}

    public static Bytes toStoreKey(Windowed<Bytes> session) {
        return toStoreKey(
                session.key(), session.window().end(), session.window().start());
    }

    static Bytes toStoreKey(Bytes key, long end, long start) {
        byte[] k = key.get();
        return Bytes.wrap(ByteBuffer.allocate(k.length + SUFFIX)
                .put(k)
                .putLong(end)
                .putLong(start)
                .array());
    }

    public static long extractEnd(Bytes storeKey) {
        byte[] b = storeKey.get();
        return ByteBuffer.wrap(b, b.length - SUFFIX, Long.BYTES).getLong();
    }

    public static long extractStart(Bytes storeKey) {
        byte[] b = storeKey.get();
        return ByteBuffer.wrap(b, b.length - Long.BYTES, Long.BYTES).getLong();
    }

    public static Windowed<Bytes> toWindowed(Bytes storeKey) {
        byte[] b = storeKey.get();
        return new Windowed<>(
                Bytes.wrap(Arrays.copyOfRange(b, 0, b.length - SUFFIX)),
                new Window(extractStart(storeKey), extractEnd(storeKey)));
    }

    static boolean keyEquals(Bytes storeKey, Bytes key) {
        byte[] b = storeKey.get();
        byte[] k = key.get();
        return b.length == k.length + SUFFIX && Arrays.equals(b, 0, k.length, k, 0, k.length);
    }

    static Bytes upperBoundForKeyRange(Bytes keyTo, long maxEnd) {
        byte[] maxSuffix =
                ByteBuffer.allocate(SUFFIX).putLong(maxEnd).putLong(-1L).array();
        return KeyBounds.upperBoundForKeyRange(keyTo, maxSuffix);
    }
}
