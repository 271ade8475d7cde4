package io.runnel.common.serialization;

import io.runnel.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/** Wraps the array without copying, as Kafka's {@code BytesDeserializer}. Thread-safe. */
public final class BytesDeserializer implements Deserializer<Bytes> {
    @Override
    public @Nullable Bytes deserialize(String topic, byte @Nullable [] data) {
        return data == null ? null : Bytes.wrap(data);
    }
}
