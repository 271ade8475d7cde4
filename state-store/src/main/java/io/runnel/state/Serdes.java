package io.runnel.state;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Built-in serdes, with Kafka's encodings (UTF-8 strings, big-endian numbers). */
@SuppressWarnings("MethodName") // Kafka's names, so that code ports by changing imports
public final class Serdes {
    private static final Serde<String> STRING =
            Serde.of(s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));
    private static final Serde<Long> LONG =
            Serde.of(l -> ByteBuffer.allocate(Long.BYTES).putLong(l).array(), b -> checkedBuffer(b, Long.BYTES)
                    .getLong());
    private static final Serde<Integer> INTEGER =
            Serde.of(i -> ByteBuffer.allocate(Integer.BYTES).putInt(i).array(), b -> checkedBuffer(b, Integer.BYTES)
                    .getInt());
    private static final Serde<byte[]> BYTE_ARRAY = Serde.of(b -> b, b -> b);
    private static final Serde<Bytes> BYTES = Serde.of(Bytes::get, Bytes::wrap);

    private Serdes() {}

    public static Serde<String> String() {
        return STRING;
    }

    public static Serde<Long> Long() {
        return LONG;
    }

    public static Serde<Integer> Integer() {
        return INTEGER;
    }

    public static Serde<byte[]> ByteArray() {
        return BYTE_ARRAY;
    }

    public static Serde<Bytes> Bytes() {
        return BYTES;
    }

    private static ByteBuffer checkedBuffer(byte[] data, int size) {
        if (data.length != size) {
            throw new IllegalArgumentException("expected " + size + " bytes but got " + data.length);
        }
        return ByteBuffer.wrap(data);
    }
}
