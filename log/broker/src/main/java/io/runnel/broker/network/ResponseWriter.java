package io.runnel.broker.network;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.types.ProtocolWriter;
import io.runnel.records.FileRecords;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one encoded response to a channel: runs of buffers as one composite {@code ByteBuf} (no copy), and fetched
 * segment regions as {@link SegmentFileRegion}s between them, so record data goes from the page cache to the socket
 * without passing through the heap. Used on the channel's event loop; does not flush.
 */
final class ResponseWriter implements ProtocolWriter.OutputSink {
    private final ChannelHandlerContext ctx;
    private final List<ByteBuffer> run = new ArrayList<>();

    private ResponseWriter(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    static void write(ChannelHandlerContext ctx, ApiKey api, int correlationId, Message response) {
        ResponseWriter writer = new ResponseWriter(ctx);
        ResponseCodec.encode(api, correlationId, response, writer);
        writer.writeRun();
    }

    @Override
    public void bytes(ByteBuffer buffer) {
        run.add(buffer);
    }

    @Override
    public void fileRegion(FileRecords region) {
        writeRun();
        ctx.write(new SegmentFileRegion(region));
    }

    private void writeRun() {
        if (!run.isEmpty()) {
            ctx.write(Unpooled.wrappedBuffer(run.toArray(new ByteBuffer[0])));
            run.clear();
        }
    }
}
