package io.runnel.common.serialization;

import org.jspecify.annotations.Nullable;

/** Eight bytes, big-endian, as Kafka's. Thread-safe. */
public final class LongSerializer implements Serializer<Long> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Long data) {
        if (data == null) {
            return null;
        }
        long v = data;
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) v;
            v >>>= 8;
        }
        return bytes;
    }
}
