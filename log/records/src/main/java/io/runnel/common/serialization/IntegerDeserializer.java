package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/** Four bytes, big-endian, as Kafka's. Thread-safe. */
public final class IntegerDeserializer implements Deserializer<Integer> {
    @Override
    public @Nullable Integer deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length != 4) {
            throw new SerializationException("an Integer needs 4 bytes, got " + data.length + " (topic " + topic + ")");
        }
        return ((data[0] & 0xFF) << 24) | ((data[1] & 0xFF) << 16) | ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
    }
}
