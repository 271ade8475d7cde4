package io.runnel.protocol;

import io.runnel.protocol.errors.InvalidRequestException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's framing: every request and response on a connection is an int32 size, big-endian, followed by that many
 * bytes (the header, then the body). The size counts neither itself nor anything after the frame.
 *
 * <pre>
 * +----------------+-------------------------------------+
 * | size: int32    | header + body: size bytes           |
 * +----------------+-------------------------------------+
 * </pre>
 *
 * <p>Stateless. The broker's Netty decoder applies the same rules to a {@code ByteBuf}; this class is the
 * {@link ByteBuffer} form, used by tests and blocking clients.
 */
public final class Frames {
    /** Bytes of the size prefix. */
    public static final int SIZE_PREFIX_LENGTH = 4;

    /** Kafka's default {@code socket.request.max.bytes}: 100 MiB. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 100 * 1024 * 1024;

    private Frames() {}

    /**
     * Takes one whole frame from {@code buffer} if it holds one at its position.
     *
     * @return the frame's contents (header and body) as a slice of {@code buffer}, with the buffer advanced past the
     *     frame; or null, with the buffer unchanged, if the frame is not complete yet
     * @throws InvalidRequestException if the size is negative or larger than {@code maxFrameSize} (the connection
     *     should then be closed, as nothing after it can be trusted)
     */
    public static @Nullable ByteBuffer readFrame(ByteBuffer buffer, int maxFrameSize) {
        if (buffer.remaining() < SIZE_PREFIX_LENGTH) {
            return null;
        }
        int size = buffer.getInt(buffer.position());
        if (size < 0) {
            throw new InvalidRequestException("frame size is negative: " + size);
        }
        if (size > maxFrameSize) {
            throw new InvalidRequestException("frame size " + size + " exceeds the maximum of " + maxFrameSize);
        }
        if (buffer.remaining() - SIZE_PREFIX_LENGTH < size) {
            return null;
        }
        int start = buffer.position() + SIZE_PREFIX_LENGTH;
        ByteBuffer frame =
                buffer.duplicate().position(start).limit(start + size).slice();
        buffer.position(start + size);
        return frame;
    }

    /** The size prefix for {@code contents}, followed by {@code contents} themselves, not copied. */
    public static List<ByteBuffer> frame(List<ByteBuffer> contents) {
        long size = 0;
        for (ByteBuffer buffer : contents) {
            size += buffer.remaining();
        }
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("frame of " + size + " bytes exceeds the int32 size prefix");
        }
        List<ByteBuffer> framed = new ArrayList<>(contents.size() + 1);
        framed.add(ByteBuffer.allocate(SIZE_PREFIX_LENGTH).putInt(0, (int) size).asReadOnlyBuffer());
        framed.addAll(contents);
        return framed;
    }
}
