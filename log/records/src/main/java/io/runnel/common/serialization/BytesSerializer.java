package io.runnel.common.serialization;

import io.runnel.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

/** The wrapped array itself, as Kafka's {@code BytesSerializer}. Thread-safe. */
public final class BytesSerializer implements Serializer<Bytes> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable Bytes data) {
        return data == null ? null : data.get();
    }
}
