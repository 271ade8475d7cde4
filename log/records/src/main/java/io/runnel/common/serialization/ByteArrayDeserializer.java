package io.runnel.common.serialization;

import org.jspecify.annotations.Nullable;

/** Passes the array through, not copied. Thread-safe. */
public final class ByteArrayDeserializer implements Deserializer<byte[]> {
    @Override
    public byte @Nullable [] deserialize(String topic, byte @Nullable [] data) {
        return data;
    }
}
