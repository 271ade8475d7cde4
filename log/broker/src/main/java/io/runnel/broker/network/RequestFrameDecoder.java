package io.runnel.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a connection's bytes into Kafka request frames: a 4-byte big-endian size, then that many bytes.
 *
 * <p>A frame whose size is negative or larger than {@code socket.request.max.bytes} is refused before any of it is
 * buffered: the connection is closed and the reason logged once, as Kafka's broker does, so a bad or hostile
 * client costs no memory and other connections are unaffected.
 *
 * <p>Each emitted frame (without its size prefix) is a retained slice of the cumulation buffer; the next handler
 * takes ownership and must release it. Runs on the channel's event loop; one instance per channel.
 */
public final class RequestFrameDecoder extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(RequestFrameDecoder.class);
    static final int SIZE_PREFIX = 4;

    private final int maxFrameBytes;

    /** @param maxFrameBytes {@code socket.request.max.bytes}: the largest request accepted */
    public RequestFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("maxFrameBytes must be > 0: " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= SIZE_PREFIX) {
            int size = in.getInt(in.readerIndex());
            if (size < 0 || size > maxFrameBytes) {
                failOnSize(ctx, in, size);
                return;
            }
            if (in.readableBytes() < (long) SIZE_PREFIX + size) {
                return;
            }
            in.skipBytes(SIZE_PREFIX);
            out.add(in.readRetainedSlice(size));
        }
    }

    private void failOnSize(ChannelHandlerContext ctx, ByteBuf in, int size) {
        in.skipBytes(in.readableBytes());
        RuntimeException reason = size < 0
                ? new CorruptedFrameException("request size " + size + " is negative")
                : new TooLongFrameException(
                        "request size " + size + " is larger than socket.request.max.bytes " + maxFrameBytes);
        log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason.getMessage());
        ctx.close();
    }
}
