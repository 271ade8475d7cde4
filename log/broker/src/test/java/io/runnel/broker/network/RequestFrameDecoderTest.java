package io.runnel.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.runnel.broker.config.NetworkConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestFrameDecoderTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final AtomicInteger paused = new AtomicInteger();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private RequestMemoryPool pool = new RequestMemoryPool(Long.MAX_VALUE);

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void closeChannels() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
        assertThat(pool.reservedBytes()).as("every reservation given back").isZero();
        assertThat(paused.get()).as("no connection left counted as paused").isZero();
    }

    private EmbeddedChannel channel(int maxRequestBytes, long poolBytes, long perConnectionBytes) {
        pool = channels.isEmpty() ? new RequestMemoryPool(poolBytes) : pool;
        NetworkConfig config =
                new NetworkConfig(maxRequestBytes, poolBytes, perConnectionBytes, Duration.ofMinutes(10), READ_TIMEOUT);
        EmbeddedChannel channel = new EmbeddedChannel(new RequestFrameDecoder(config, pool, paused));
        channels.add(channel);
        return channel;
    }

    private EmbeddedChannel channel(int maxRequestBytes) {
        return channel(maxRequestBytes, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    private static ByteBuf frame(String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return Unpooled.buffer().writeInt(bytes.length).writeBytes(bytes);
    }

    private static ByteBuf frame(int size) {
        return Unpooled.buffer().writeInt(size).writeBytes(new byte[size]);
    }

    private static String readFrame(EmbeddedChannel channel) {
        RequestFrame frame = channel.readInbound();
        try {
            return frame.bytes().toString(StandardCharsets.UTF_8);
        } finally {
            frame.release();
        }
    }

    @Test
    void shouldEmitWholeFramesWhenBytesArriveInPieces() {
        EmbeddedChannel channel = channel(1024);
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
    }

    @Test
    void shouldCloseTheConnectionWhenAFrameIsTooLarge() {
        EmbeddedChannel channel = channel(100);

        channel.writeInbound(Unpooled.buffer().writeInt(101).writeBytes(new byte[20]));

        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void shouldCloseTheConnectionWhenASizeIsNegative() {
        EmbeddedChannel channel = channel(100);

        channel.writeInbound(Unpooled.buffer().writeInt(-5).writeBytes(new byte[8]));

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldReserveTheDeclaredSizeWhenOnlyTheSizeHasArrived() {
        EmbeddedChannel channel = channel(1_000_000);

        channel.writeInbound(Unpooled.buffer().writeInt(500_000).writeBytes(new byte[16]));

        assertThat(pool.reservedBytes()).isEqualTo(500_000);
        assertThat((Object) channel.readInbound()).isNull();

        channel.close();

        assertThat(pool.reservedBytes())
                .as("a closed connection gives its partial frame back")
                .isZero();
    }

    @Test
    void shouldReadAFrameIntoOneBufferOfItsDeclaredSizeWhenItArrivesInPieces() {
        EmbeddedChannel channel = channel(1 << 20);
        ByteBuf bytes = frame(100_000);

        while (bytes.isReadable()) {
            channel.writeInbound(bytes.readRetainedSlice(Math.min(1000, bytes.readableBytes())));
        }
        bytes.release();

        RequestFrame frame = channel.readInbound();
        assertThat(frame.size()).isEqualTo(100_000);
        assertThat(frame.bytes().capacity()).isEqualTo(100_000);
        assertThat(frame.bytes().maxCapacity()).isEqualTo(100_000);
        frame.release();
    }

    @Test
    void shouldStopReadingAConnectionWhenTheListenerBudgetIsFull() {
        EmbeddedChannel first = channel(1000, 1000, 1000);
        EmbeddedChannel second = channel(1000, 1000, 1000);
        first.writeInbound(frame(600));
        RequestFrame held = first.readInbound();

        second.writeInbound(frame(600));

        assertThat((Object) second.readInbound()).isNull();
        assertThat(second.config().isAutoRead()).isFalse();
        assertThat(paused.get()).isEqualTo(1);
        assertThat(pool.reservedBytes()).isEqualTo(600);

        held.release();
        second.runPendingTasks();

        RequestFrame next = second.readInbound();
        assertThat(next.size()).isEqualTo(600);
        assertThat(second.config().isAutoRead()).isTrue();
        assertThat(paused.get()).isZero();
        next.release();
    }

    @Test
    void shouldTakeOneFrameAboveTheConnectionBudgetWhenTheConnectionHoldsNothing() {
        EmbeddedChannel channel = channel(4096, 1 << 20, 1000);

        channel.writeInbound(frame(3000));

        RequestFrame frame = channel.readInbound();
        assertThat(frame.size()).isEqualTo(3000);
        frame.release();
    }

    @Test
    void shouldWaitForItsOwnFramesWhenTheConnectionBudgetIsFull() {
        EmbeddedChannel channel = channel(4096, 1 << 20, 1000);
        ByteBuf two = Unpooled.buffer().writeBytes(frame(600)).writeBytes(frame(600));

        channel.writeInbound(two);

        RequestFrame first = channel.readInbound();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.config().isAutoRead()).isFalse();

        first.release();

        RequestFrame second = channel.readInbound();
        assertThat(second.size()).isEqualTo(600);
        assertThat(channel.config().isAutoRead()).isTrue();
        second.release();
    }

    @Test
    void shouldStopReadingWhileTheChannelIsNotWritable() {
        EmbeddedChannel channel = channel(1024);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();

        channel.runPendingTasks();
        channel.writeInbound(frame("waits"));

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(paused.get()).isEqualTo(1);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();

        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(readFrame(channel)).isEqualTo("waits");
    }

    @Test
    void shouldStopReadingWhenTooManyFramesAreHeld() {
        EmbeddedChannel channel = channel(1024);
        ByteBuf many = Unpooled.buffer();
        for (int i = 0; i < RequestFrameDecoder.MAX_QUEUED + 1; i++) {
            many.writeBytes(frame("r" + i));
        }

        channel.writeInbound(many);

        List<RequestFrame> held = new ArrayList<>();
        RequestFrame frame;
        while ((frame = channel.readInbound()) != null) {
            held.add(frame);
        }
        assertThat(held).hasSize(RequestFrameDecoder.MAX_QUEUED);
        assertThat(channel.config().isAutoRead()).isFalse();

        for (int i = 0; i < RequestFrameDecoder.MAX_QUEUED / 2; i++) {
            held.get(i).release();
        }

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(readFrame(channel)).isEqualTo("r" + RequestFrameDecoder.MAX_QUEUED);
        for (int i = RequestFrameDecoder.MAX_QUEUED / 2; i < held.size(); i++) {
            held.get(i).release();
        }
    }

    @Test
    void shouldCloseTheConnectionWhenAFrameStaysIncomplete() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(Unpooled.buffer().writeInt(1000).writeBytes(new byte[10]));

        channel.advanceTimeBy(READ_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
        assertThat(pool.reservedBytes()).isZero();
    }

    @Test
    void shouldCloseTheConnectionWhenASizePrefixStaysIncomplete() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(Unpooled.buffer().writeShort(0));

        channel.advanceTimeBy(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void shouldStartTheReadTimeoutAgainWhenTheNextFrameBegins() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(Unpooled.buffer().writeInt(10).writeBytes(new byte[5]));
        channel.advanceTimeBy(READ_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        channel.writeInbound(
                Unpooled.buffer().writeBytes(new byte[5]).writeInt(10).writeBytes(new byte[1]));
        channel.advanceTimeBy(READ_TIMEOUT.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        ((RequestFrame) channel.readInbound()).release();
    }

    @Test
    void shouldNotTimeOutWhileTheBrokerDoesNotReadTheConnection() {
        EmbeddedChannel channel = channel(1 << 20);
        channel.writeInbound(Unpooled.buffer().writeInt(1000).writeBytes(new byte[10]));

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();

        channel.runPendingTasks();
        channel.advanceTimeBy(2 * READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();

        channel.runPendingTasks();
        channel.advanceTimeBy(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }
}
