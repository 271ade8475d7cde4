package io.runnel.common.serialization;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** The remaining bytes of the buffer; the buffer's position is not changed. Thread-safe. */
public final class ByteBufferDeserializer implements Deserializer<ByteBuffer> {
    @Override
    public @Nullable ByteBuffer deserialize(String topic, byte @Nullable [] data) {
        return data == null ? null : ByteBuffer.wrap(data);
    }
}
