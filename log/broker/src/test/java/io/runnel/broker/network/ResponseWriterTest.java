package io.runnel.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.records.CompressionType;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.Records;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch response goes out as bytes, a zero-copy file region, then bytes; together they are exactly the frame the
 * codec writes for the same batches in memory, and releasing the region leaves the segment's channel open.
 */
@Timeout(30)
class ResponseWriterTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteFetchedRegionAsFileRegionBetweenEncodedBytes() throws IOException {
        ByteBuffer batch = batch();
        try (FileRecords segment = FileRecords.open(dir.resolve("00000000000000000000.log"))) {
            segment.append(batch.duplicate());
            FileRecords region = segment.slice(0, segment.sizeInBytes());
            EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
            ChannelHandlerContext ctx = channel.pipeline().firstContext();

            ResponseWriter.write(ctx, ApiKey.FETCH, 3, fetchResponse(region));
            channel.flush();

            List<Object> out = List.copyOf(channel.outboundMessages());
            assertThat(out).hasSize(3);
            assertThat(out.get(0)).isInstanceOf(ByteBuf.class);
            assertThat(out.get(1)).isInstanceOf(SegmentFileRegion.class);
            assertThat(out.get(2)).isInstanceOf(ByteBuf.class);

            ByteArrayOutputStream written = new ByteArrayOutputStream();
            WritableByteChannel sink = Channels.newChannel(written);
            for (Object message : out) {
                if (message instanceof ByteBuf buf) {
                    buf.readBytes(written, buf.readableBytes());
                    buf.release();
                } else {
                    FileRegion fileRegion = (FileRegion) message;
                    while (fileRegion.transferred() < fileRegion.count()) {
                        fileRegion.transferTo(sink, fileRegion.transferred());
                    }
                    fileRegion.release();
                }
            }
            channel.outboundMessages().clear();

            ByteBuffer expected =
                    concat(ResponseCodec.encode(ApiKey.FETCH, 3, fetchResponse(MemoryRecords.wrap(batch))));
            assertThat(ByteBuffer.wrap(written.toByteArray())).isEqualTo(expected);
            assertThat(segment.channel().isOpen()).isTrue();
            assertThat(channel.finish()).isFalse();
        }
    }

    private static ByteBuffer concat(List<ByteBuffer> buffers) {
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        buffers.forEach(b -> all.put(b.duplicate()));
        return all.flip();
    }

    private static ByteBuffer batch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(1024).reset(0).compression(CompressionType.NONE);
        for (int i = 0; i < 5; i++) {
            builder.append(1_000L + i, new byte[] {(byte) i}, new byte[200]);
        }
        return builder.build();
    }

    private static FetchResponse fetchResponse(Records records) {
        return new FetchResponse(
                0,
                (short) 0,
                0,
                List.of(new FetchResponse.FetchableTopicResponse(
                        new UUID(3, 4),
                        List.of(new FetchResponse.PartitionData(
                                0,
                                (short) 0,
                                5L,
                                5L,
                                0L,
                                new FetchResponse.EpochEndOffset(-1, -1L),
                                new FetchResponse.LeaderIdAndEpoch(-1, -1),
                                new FetchResponse.SnapshotId(-1L, -1),
                                List.of(),
                                -1,
                                records)))),
                List.of());
    }
}
