package io.runnel.common.serialization;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** The eight bytes of the IEEE 754 double, big-endian, as Kafka's. Thread-safe. */
public final class DoubleSerializer implements Serializer<Double> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Double data) {
        if (data == null) {
            return null;
        }
        return ByteBuffer.allocate(8).putDouble(data).array();
    }
}
