package io.runnel.common.serialization;

import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;

/** The remaining bytes of the buffer; the buffer's position is not changed. Thread-safe. */
public final class ByteBufferSerializer implements Serializer<ByteBuffer> {
    @Override
    public byte @Nullable [] serialize(String topic, @Nullable ByteBuffer data) {
        if (data == null) {
            return null;
        }
        ByteBuffer view = data.duplicate();
        if (view.hasArray()
                && view.arrayOffset() == 0
                && view.position() == 0
                && view.remaining() == view.array().length) {
            return view.array();
        }
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}
