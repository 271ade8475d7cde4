package io.runnel.broker.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;
import io.runnel.broker.config.NetworkConfig;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.ApiVersionsRequest;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.Message;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RequestHandlerTest {
    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Message RESPONSE =
            new ApiVersionsResponse(Errors.NONE.code(), List.of(), 0, List.of(), -1L, List.of(), false);

    private final RequestMemoryPool pool = new RequestMemoryPool(1 << 20);
    private final AtomicInteger paused = new AtomicInteger();
    private final List<CompletableFuture<@Nullable Message>> started = new ArrayList<>();
    private final EmbeddedChannel channel = new EmbeddedChannel(
            new IdleStateHandler(0, 0, IDLE.toMillis(), TimeUnit.MILLISECONDS),
            new RequestFrameDecoder(
                    new NetworkConfig(1 << 20, 1 << 20, 1 << 20, IDLE, Duration.ofSeconds(30)), pool, paused),
            new RequestHandler((api, request, context) -> {
                CompletableFuture<@Nullable Message> response = new CompletableFuture<>();
                started.add(response);
                return response;
            }));

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @AfterEach
    void closeChannel() {
        channel.finishAndReleaseAll();
        assertThat(pool.reservedBytes()).as("every frame given back").isZero();
    }

    private void sendRequest(int correlationId) {
        List<ByteBuffer> encoded = RequestCodec.encode(
                ApiKey.API_VERSIONS, correlationId, "test", new ApiVersionsRequest("runnel-test", "1"));
        channel.writeInbound(Unpooled.wrappedBuffer(encoded.toArray(new ByteBuffer[0])));
    }

    private void answer(int index) {
        started.get(index).complete(RESPONSE);
        channel.runPendingTasks();
    }

    private int readResponseCorrelationId() {
        ByteBuf response = channel.readOutbound();
        try {
            ByteBuffer bytes = response.nioBuffer();
            bytes.getInt();
            return ResponseCodec.decode(bytes, ApiKey.API_VERSIONS).header().correlationId();
        } finally {
            response.release();
        }
    }

    @Test
    void shouldStartEachRequestWhenTheOneBeforeItIsAnswered() {
        sendRequest(1);
        sendRequest(2);
        sendRequest(3);

        assertThat(started).hasSize(1);

        answer(0);

        assertThat(readResponseCorrelationId()).isEqualTo(1);
        assertThat(started).hasSize(2);

        answer(1);
        answer(2);

        assertThat(readResponseCorrelationId()).isEqualTo(2);
        assertThat(readResponseCorrelationId()).isEqualTo(3);
    }

    @Test
    void shouldNotStartTheNextRequestWhileTheChannelIsNotWritable() {
        sendRequest(1);
        sendRequest(2);
        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        channel.runPendingTasks();
        channel.runPendingTasks();

        answer(0);

        assertThat(readResponseCorrelationId())
                .as("a started request is answered")
                .isEqualTo(1);
        assertThat(started).as("the next one waits").hasSize(1);

        channel.unsafe().outboundBuffer().setUserDefinedWritability(1, true);
        channel.runPendingTasks();

        channel.runPendingTasks();

        assertThat(started).hasSize(2);
        answer(1);
        assertThat(readResponseCorrelationId()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheRequestBytesBackWhenTheRequestIsAnswered() {
        sendRequest(1);

        assertThat(pool.reservedBytes()).isPositive();

        answer(0);

        assertThat(pool.reservedBytes()).isZero();
        assertThat(readResponseCorrelationId()).isEqualTo(1);
    }

    @Test
    void shouldGiveEveryFrameBackWhenTheConnectionClosesWithRequestsQueued() {
        sendRequest(1);
        sendRequest(2);
        sendRequest(3);

        channel.close();
        answer(0);

        assertThat(pool.reservedBytes()).isZero();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void shouldCloseTheConnectionWhenItIsIdle() {
        sendRequest(1);
        answer(0);
        readResponseCorrelationId();

        channel.advanceTimeBy(IDLE.toMillis() - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }
}
