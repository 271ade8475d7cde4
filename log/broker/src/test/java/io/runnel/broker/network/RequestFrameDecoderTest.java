package io.runnel.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestFrameDecoderTest {

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private static ByteBuf frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes);
    }

    private static String readFrame(EmbeddedChannel channel) {
        ByteBuf frame = channel.readInbound();
        try {
            return frame.toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    @Test
    void shouldEmitWholeFramesWhenBytesArriveInPieces() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(1024));
        ByteBuf bytes = Unpooled.buffer();
        bytes.writeBytes(frame("first")).writeBytes(frame("second request")).writeBytes(frame(""));
        Random random = new Random(1);

        while (bytes.isReadable()) {
            int n = Math.min(bytes.readableBytes(), 1 + random.nextInt(5));
            channel.writeInbound(bytes.readRetainedSlice(n));
        }
        bytes.release();

        assertThat(readFrame(channel)).isEqualTo("first");
        assertThat(readFrame(channel)).isEqualTo("second request");
        assertThat(readFrame(channel)).isEmpty();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void shouldCloseTheConnectionWhenAFrameIsTooLarge() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(100));

        channel.writeInbound(Unpooled.buffer().writeInt(101).writeBytes(new byte[20]));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void shouldCloseTheConnectionWhenASizeIsNegative() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(100));

        channel.writeInbound(Unpooled.buffer().writeInt(-5).writeBytes(new byte[8]));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldNotBufferAHugeClaimedFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(Integer.MAX_VALUE));

        channel.writeInbound(Unpooled.buffer().writeInt(Integer.MAX_VALUE - 1).writeBytes(new byte[16]));

        assertThat(channel.isOpen()).isTrue();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }
}
