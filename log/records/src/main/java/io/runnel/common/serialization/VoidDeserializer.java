package io.runnel.common.serialization;

import io.runnel.common.errors.SerializationException;
import org.jspecify.annotations.Nullable;

/** Only null: for topics without keys or values. Thread-safe. */
public final class VoidDeserializer implements Deserializer<Void> {
    @Override
    public @Nullable Void deserialize(String topic, byte @Nullable [] data) {
        if (data != null) {
            throw new SerializationException(
                    "a Void value must be null, got " + data.length + " bytes (topic " + topic + ")");
        }
        return null;
    }
}
