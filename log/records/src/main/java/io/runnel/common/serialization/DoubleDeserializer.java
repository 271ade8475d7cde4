package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** The eight bytes of the IEEE 754 double, big-endian, as Kafka's. Thread-safe. */
public final class DoubleDeserializer implements Deserializer<Double> {
    @Override
    public @Nullable Double deserialize(String topic, byte @Nullable [] data) {
        if (data == null) {
            return null;
        }
        if (data.length != 8) {
            throw new SerializationException("a Double needs 8 bytes, got " + data.length + " (topic " + topic + ")");
        }
        return ByteBuffer.wrap(data).getDouble();
    }
}
