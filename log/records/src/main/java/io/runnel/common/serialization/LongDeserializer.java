package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/** Eight bytes, big-endian, as Kafka's. Thread-safe. */
public final class LongDeserializer implements Deserializer<Long> {
    @Override
    public @Nullable Long deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length != 8) {
            throw new SerializationException("a Long needs 8 bytes, got " + data.length + " (topic " + topic + ")");
        }
        long v = 0;
        for (byte b : data) {
            v = (v << 8) | (b & 0xFF);
        }
        return v;
    }
}
