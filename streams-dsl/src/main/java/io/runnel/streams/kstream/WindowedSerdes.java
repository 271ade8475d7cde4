package io.runnel.streams.kstream;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serdes;
import io.runnel.common.serialization.Serializer;
import io.runnel.state.Window;
import io.runnel.state.Windowed;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Serdes for {@link Windowed} keys, as Kafka Streams' {@code WindowedSerdes}, with Kafka's byte layouts so windowed
 * results written by one can be read by the other:
 *
 * <ul>
 *   <li>time windows: {@code [key bytes][window start: int64]}; the end is not stored, and reading adds the window
 *       size to the start (capped at {@link Long#MAX_VALUE});
 *   <li>session windows: {@code [key bytes][window end: int64][window start: int64]}.
 * </ul>
 *
 * <p>Stateless and thread-safe when the inner serde is.
 */
public final class WindowedSerdes {
    private static final int TIMESTAMP = Long.BYTES;

    private WindowedSerdes() {}

    /** Keys of time windows of {@code windowSizeMs} (tumbling or hopping), with {@code inner} for the plain key. */
    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Serde<T> inner, long windowSizeMs) {
        Objects.requireNonNull(inner, "inner serde cannot be null");
        if (windowSizeMs <= 0) {
            throw new IllegalArgumentException("window size must be positive: " + windowSizeMs);
        }
        Serializer<T> keys = inner.serializer();
        Deserializer<T> keyReader = inner.deserializer();
        Serializer<Windowed<T>> serializer = (topic, windowed) -> {
            if (windowed == null) {
                return null;
            }
            byte[] key = keyBytes(keys, topic, windowed);
            return ByteBuffer.allocate(key.length + TIMESTAMP)
                    .put(key)
                    .putLong(windowed.window().start())
                    .array();
        };
        Deserializer<Windowed<T>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            checkLength(bytes, TIMESTAMP, "time-windowed");
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long start = buffer.getLong(bytes.length - TIMESTAMP);
            long end = start > Long.MAX_VALUE - windowSizeMs ? Long.MAX_VALUE : start + windowSizeMs;
            return new Windowed<>(key(keyReader, topic, bytes, bytes.length - TIMESTAMP), new Window(start, end));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Keys of session windows, with {@code inner} for the plain key. */
    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Serde<T> inner) {
        Objects.requireNonNull(inner, "inner serde cannot be null");
        Serializer<T> keys = inner.serializer();
        Deserializer<T> keyReader = inner.deserializer();
        Serializer<Windowed<T>> serializer = (topic, windowed) -> {
            if (windowed == null) {
                return null;
            }
            byte[] key = keyBytes(keys, topic, windowed);
            return ByteBuffer.allocate(key.length + 2 * TIMESTAMP)
                    .put(key)
                    .putLong(windowed.window().end())
                    .putLong(windowed.window().start())
                    .array();
        };
        Deserializer<Windowed<T>> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            checkLength(bytes, 2 * TIMESTAMP, "session-windowed");
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long end = buffer.getLong(bytes.length - 2 * TIMESTAMP);
            long start = buffer.getLong(bytes.length - TIMESTAMP);
            return new Windowed<>(key(keyReader, topic, bytes, bytes.length - 2 * TIMESTAMP), new Window(start, end));
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T> byte[] keyBytes(Serializer<T> keys, String topic, Windowed<T> windowed) {
        byte @Nullable [] key = keys.serialize(topic, windowed.key());
        if (key == null) {
            throw new SerializationException("the key serializer returned null for windowed key " + windowed);
        }
        return key;
    }

    private static <T> T key(Deserializer<T> keyReader, String topic, byte[] bytes, int keyLength) {
        byte[] keyBytes = new byte[keyLength];
        System.arraycopy(bytes, 0, keyBytes, 0, keyLength);
        T key = keyReader.deserialize(topic, keyBytes);
        if (key == null) {
            throw new SerializationException("the key deserializer returned null for a windowed key of " + topic);
        }
        return key;
    }

    private static void checkLength(byte[] bytes, int atLeast, String kind) {
        if (bytes.length < atLeast) {
            throw new SerializationException(
                    "a " + kind + " key needs at least " + atLeast + " bytes but has " + bytes.length);
        }
    }
}
