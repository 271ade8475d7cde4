package io.runnel.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.runnel.broker.handler.ApiHandlers;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.Message;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns request frames into responses, one connection at a time, in order.
 *
 * <p>Requests may be pipelined, but each starts only when the one before it on the connection has finished, as in
 * Kafka's broker: a producer's in-flight batches for a partition are then appended in the order sent, and responses
 * go out in request order. Past {@link #MAX_QUEUED} waiting requests the connection stops reading (back-pressure).
 * The queue lives on the channel's event loop; handler futures complete on any thread and hop back to the loop.
 *
 * <p>Ownership: the frame from {@link RequestFrameDecoder} is owned here and released when its request is done (its
 * record payloads are read in place until then).
 *
 * <p>Bad input: an ApiVersions request at a version we do not speak gets the version-0 fallback so the client can
 * retry; any other unknown API or version, or bytes that do not parse, close the connection with a log line. The
 * broker and other connections are unaffected.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    static final int MAX_QUEUED = 64;

    private final ApiHandlers handlers;
    // Event-loop confined.
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    // Event-loop confined: completes when the last dispatched request has finished.
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

    private static final class Pending {
        final ApiKey api;
        final int correlationId;
        boolean done;

        @Nullable
        Message response;

        @Nullable
        ByteBuf raw;

        Pending(ApiKey api, int correlationId) {
            this.api = api;
            this.correlationId = correlationId;
        }
    }

    RequestHandler(ApiHandlers handlers) {
        this.handlers = handlers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        ByteBuffer bytes = frame.nioBuffer();
        RequestCodec.DecodedRequest request;
        try {
            request = RequestCodec.decode(bytes);
        } catch (UnsupportedVersionException e) {
            frame.release();
            if (e.apiKey() == ApiKey.API_VERSIONS.id()) {
                Pending fallback = new Pending(ApiKey.API_VERSIONS, e.correlationId());
                fallback.raw = Unpooled.wrappedBuffer(ResponseCodec.encodeApiVersionsFallback(e.correlationId()));
                fallback.done = true;
                pending.add(fallback);
                flushReady(ctx);
            } else {
                closeOnBadRequest(ctx, e.getMessage());
            }
            return;
        } catch (RuntimeException e) {
            frame.release();
            closeOnBadRequest(ctx, e.getMessage());
            return;
        }
        if (!ApiHandlers.SUPPORTED.contains(request.apiKey())) {
            frame.release();
            closeOnBadRequest(ctx, request.apiKey() + " is not supported by this broker");
            return;
        }
        Pending slot = new Pending(request.apiKey(), request.header().correlationId());
        pending.add(slot);
        if (pending.size() >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
        }
        ApiHandlers.RequestContext context = new ApiHandlers.RequestContext(
                Objects.requireNonNullElse(request.header().clientId(), ""), clientHost(ctx));
        CompletableFuture<@Nullable Message> future =
                tail.handle((ignored, previousError) -> null).thenCompose(ignored -> dispatch(request, context));
        tail = future;
        future.whenComplete((response, error) -> {
            frame.release();
            ctx.executor().execute(() -> complete(ctx, slot, response, error));
        });
    }

    private CompletableFuture<@Nullable Message> dispatch(
            RequestCodec.DecodedRequest request, ApiHandlers.RequestContext context) {
        try {
            return handlers.handle(request.apiKey(), request.body(), context);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void complete(
            ChannelHandlerContext ctx, Pending slot, @Nullable Message response, @Nullable Throwable error) {
        if (error != null) {
            log.error(
                    "Request {} (correlation id {}) from {} failed; closing the connection",
                    slot.api,
                    slot.correlationId,
                    ctx.channel().remoteAddress(),
                    error);
            ctx.close();
            return;
        }
        slot.response = response;
        slot.done = true;
        flushReady(ctx);
    }

    private void flushReady(ChannelHandlerContext ctx) {
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peek().done) {
            Pending head = pending.poll();
            if (head.raw != null) {
                ctx.write(head.raw);
                wrote = true;
            } else if (head.response != null) {
                ResponseWriter.write(ctx, head.api, head.correlationId, head.response);
                wrote = true;
            }
        }
        if (wrote) {
            ctx.flush();
        }
        if (pending.size() < MAX_QUEUED / 2 && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    /** The client's address as Kafka reports it in DescribeGroups: {@code /127.0.0.1}. */
    private static String clientHost(ChannelHandlerContext ctx) {
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return "/" + inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    private static void closeOnBadRequest(ChannelHandlerContext ctx, @Nullable String reason) {
        log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Closing connection from {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Pending slot : pending) {
            if (slot.raw != null) {
                slot.raw.release();
            }
        }
        pending.clear();
        ctx.fireChannelInactive();
    }
}
