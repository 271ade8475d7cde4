package io.runnel.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.runnel.broker.handler.ApiHandlers;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.Message;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns request frames into responses, one connection at a time, in order.
 *
 * <p>Requests may be pipelined, but each starts only when the one before it on the connection has been answered, as in
 * Kafka's broker: a producer's in-flight batches for a partition are then appended in the order sent, and responses
 * go out in request order. A request also starts only while the channel is writable: a client that does not read its
 * responses gets no new ones built, so the broker holds at most one response beyond the channel's high water mark for
 * it (and {@link RequestFrameDecoder} stops reading it meanwhile). The queue lives on the channel's event loop;
 * handler futures complete on any thread and hop back to the loop.
 *
 * <p>Ownership: each {@link RequestFrame} from {@link RequestFrameDecoder} is owned here and released when its request
 * has been answered (its record payloads are read in place until then), or when the connection closes first.
 *
 * <p>Bad input: an ApiVersions request at a version we do not speak gets the version-0 fallback so the client can
 * retry; any other unknown API or version, or bytes that do not parse, close the connection with a log line. The
 * broker and other connections are unaffected. A connection idle for {@code connections.max.idle.ms} (an {@link
 * IdleStateEvent} from the pipeline's idle handler) is closed.
 */
final class RequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    /** Answers one decoded request; {@link ApiHandlers#handle} in the broker. */
    @FunctionalInterface
    interface Dispatcher {
        CompletableFuture<@Nullable Message> handle(ApiKey api, Message request, ApiHandlers.RequestContext context);
    }

    private final Dispatcher dispatcher;
    // Event-loop confined: requests read and not yet started, in order.
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    // Event-loop confined: whether a request is being handled.
    private boolean running;

    /** A request waiting its turn, or an answer made without a handler (the ApiVersions fallback), kept in order. */
    private record Queued(
            RequestCodec.@Nullable DecodedRequest request, @Nullable RequestFrame frame, @Nullable ByteBuf answer) {}

    RequestHandler(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** Takes ownership of {@code msg}, a {@link RequestFrame}. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        RequestFrame frame = (RequestFrame) msg;
        RequestCodec.DecodedRequest request;
        try {
            request = RequestCodec.decode(frame.bytes().nioBuffer());
        } catch (UnsupportedVersionException e) {
            frame.release();
            if (e.apiKey() == ApiKey.API_VERSIONS.id()) {
                queued.add(new Queued(
                        null,
                        null,
                        Unpooled.wrappedBuffer(ResponseCodec.encodeApiVersionsFallback(e.correlationId()))));
                startNext(ctx);
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
        queued.add(new Queued(request, frame, null));
        startNext(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        startNext(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    /** Starts the next request if none runs and the channel can take its response. */
    private void startNext(ChannelHandlerContext ctx) {
        while (!running
                && !queued.isEmpty()
                && ctx.channel().isWritable()
                && ctx.channel().isActive()) {
            Queued next = queued.poll();
            ByteBuf answer = next.answer();
            RequestCodec.DecodedRequest request = next.request();
            RequestFrame frame = next.frame();
            if (answer != null) {
                ctx.writeAndFlush(answer);
            } else if (request != null && frame != null) {
                running = true;
                dispatch(request, context(ctx, request)).whenComplete((response, error) -> {
                    try {
                        ctx.executor().execute(() -> complete(ctx, request, frame, response, error));
                    } catch (RejectedExecutionException stopped) {
                        // The event loop has stopped, and the connection with it: only the frame is left to free.
                        frame.release();
                    }
                });
            }
        }
    }

    private CompletableFuture<@Nullable Message> dispatch(
            RequestCodec.DecodedRequest request, ApiHandlers.RequestContext context) {
        try {
            return dispatcher.handle(request.apiKey(), request.body(), context);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void complete(
            ChannelHandlerContext ctx,
            RequestCodec.DecodedRequest request,
            RequestFrame frame,
            @Nullable Message response,
            @Nullable Throwable error) {
        running = false;
        int correlationId = request.header().correlationId();
        try {
            if (error != null) {
                log.error(
                        "Request {} (correlation id {}) from {} failed; closing the connection",
                        request.apiKey(),
                        correlationId,
                        ctx.channel().remoteAddress(),
                        error);
                ctx.close();
                return;
            }
            if (response != null && ctx.channel().isActive()) {
                ResponseWriter.write(ctx, request.apiKey(), correlationId, response);
                ctx.flush();
            }
        } finally {
            frame.release();
        }
        startNext(ctx);
    }

    /** The client id of the request and the client's address as Kafka reports it in DescribeGroups: {@code /127.0.0.1}. */
    private static ApiHandlers.RequestContext context(ChannelHandlerContext ctx, RequestCodec.DecodedRequest request) {
        String clientId = Objects.requireNonNullElse(request.header().clientId(), "");
        SocketAddress address = ctx.channel().remoteAddress();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return new ApiHandlers.RequestContext(
                    clientId, "/" + inet.getAddress().getHostAddress());
        }
        return new ApiHandlers.RequestContext(clientId, String.valueOf(address));
    }

    private static void closeOnBadRequest(ChannelHandlerContext ctx, @Nullable String reason) {
        log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            log.debug(
                    "Closing connection from {}: idle for connections.max.idle.ms",
                    ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("Closing connection from {} after an error: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Queued each : queued) {
            RequestFrame frame = each.frame();
            if (frame != null) {
                frame.release();
            }
            ByteBuf answer = each.answer();
            if (answer != null) {
                answer.release();
            }
        }
        queued.clear();
        ctx.fireChannelInactive();
    }
}
