package io.runnel.broker.network;

import io.netty.buffer.ByteBuf;

/**
 * One request frame (without its size prefix) as {@link RequestFrameDecoder} read it: a buffer of exactly the declared
 * size, and the reservation of those bytes in the connection's and the listener's budgets.
 *
 * <p>Ownership: whoever receives the frame owns it and must call {@link #release()} once, when nothing reads its bytes
 * any more (for a request, once its response is built: record payloads are read in place until then). Releasing
 * frees the buffer and gives the bytes back to both budgets, so the connection, or another, may read again.
 */
final class RequestFrame {
    private final ByteBuf bytes;
    private final int size;
    private final RequestFrameDecoder source;
    private boolean released;

    /** Takes ownership of {@code bytes}, which hold {@code size} bytes. */
    RequestFrame(ByteBuf bytes, int size, RequestFrameDecoder source) {
        this.bytes = bytes;
        this.size = size;
        this.source = source;
    }

    /** The frame's bytes, borrowed: valid until {@link #release()}. */
    ByteBuf bytes() {
        return bytes;
    }

    /** The declared size: the bytes reserved for this frame. */
    int size() {
        return size;
    }

    /**
     * Frees the buffer and gives its bytes back. Call once, from any thread (the connection's own bookkeeping hops to
     * its event loop).
     *
     * @throws IllegalStateException if already released
     */
    void release() {
        if (released) {
            throw new IllegalStateException("request frame released twice");
        }
        released = true;
        bytes.release();
        source.frameReleased(size);
    }
}
