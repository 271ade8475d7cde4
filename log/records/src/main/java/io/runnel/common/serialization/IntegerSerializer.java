package io.runnel.common.serialization;

import org.jspecify.annotations.Nullable;

/** Four bytes, big-endian, as Kafka's. Thread-safe. */
public final class IntegerSerializer implements Serializer<Integer> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Integer data) {
        if (data == null) {
            return null;
        }
        int v = data;
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
