package io.runnel.broker.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import io.runnel.broker.config.NetworkConfig;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits a connection's bytes into Kafka request frames (a 4-byte big-endian size, then that many bytes) and decides
 * when the connection is read at all. This is where the broker bounds what a client can make it hold.
 *
 * <h2>How a frame is read</h2>
 *
 * <ol>
 *   <li>The size prefix is read. A size that is negative or above {@code socket.request.max.bytes} closes the
 *       connection at once, before any of the frame is buffered (logged once, as Kafka's broker does).
 *   <li>The declared size is reserved, before any of the frame's bytes are read: in the connection's budget ({@code
 *       queued.max.request.bytes.per.connection}; a connection holding nothing may always take one frame) and in the
 *       listener's {@link RequestMemoryPool} ({@code queued.max.request.bytes}). If either has no room, the connection
 *       stops being read until frames are released.
 *   <li>One buffer of exactly the declared size is allocated and the frame's bytes are copied into it as they come:
 *       no cumulation buffer that grows and copies itself over again.
 *   <li>The whole frame goes to the next handler as a {@link RequestFrame}, which owns it and releases it when its
 *       request is answered; the bytes then go back to both budgets.
 * </ol>
 *
 * <h2>When the connection is read</h2>
 *
 * Reading ({@code autoRead}) stops while any of these holds, and resumes when none does:
 *
 * <ul>
 *   <li>the outbound side is not writable (Netty writability: the responses waiting in the channel passed the high
 *       water mark and have not yet drained below the low one), so a client that does not read its responses stops
 *       being read, and the broker holds at most a water mark of responses for it;
 *   <li>{@value #MAX_QUEUED} frames are held (until half of them are released);
 *   <li>the next frame does not fit the connection's or the listener's budget.
 * </ul>
 *
 * Bytes already read past a frame the connection cannot take yet stay here (at most one socket read) until it can.
 *
 * <h2>Time limits</h2>
 *
 * Once a frame's first byte has arrived, the whole frame must arrive within {@code socket.request.read.timeout.ms}
 * while the connection is read; otherwise the connection is closed and the frame's reservation given back. The clock
 * stops while the broker itself does not read the connection, and restarts from zero when it reads again. Time is the
 * event loop's ({@link EventExecutor#ticker()}), which tests advance by hand.
 *
 * <p>Runs on the channel's event loop; one instance per channel. {@link #frameReleased} may be called from any thread.
 */
public final class RequestFrameDecoder extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestFrameDecoder.class);
    static final int SIZE_PREFIX = 4;

    /** Frames a connection may hold (read, not yet released) before it stops being read. */
    static final int MAX_QUEUED = 64;

    private final NetworkConfig config;
    private final RequestMemoryPool pool;
    private final AtomicInteger pausedConnections;

    // All below: event-loop confined.
    private @Nullable ChannelHandlerContext context;
    /** Bytes read from the socket and not yet consumed. */
    private @Nullable ByteBuf input;

    private int prefixRead;
    private int declaredSize;
    /** The frame being read: allocated at its declared size, which is reserved. */
    private @Nullable ByteBuf body;
    /** Bytes reserved for this connection's frames: the one being read and those not yet released. */
    private long heldBytes;

    private int heldFrames;
    private boolean tooManyFrames;
    private RequestMemoryPool.@Nullable Waiter waiter;
    private @Nullable ScheduledFuture<?> readTimeout;
    private boolean paused;
    private boolean processing;
    private boolean closed;

    /**
     * @param config the frame size limit, the budgets and the read timeout
     * @param pool the listener's budget, shared by all connections
     * @param pausedConnections the listener's count of connections not being read; this one adds itself while paused
     */
    RequestFrameDecoder(NetworkConfig config, RequestMemoryPool pool, AtomicInteger pausedConnections) {
        this.config = config;
        this.pool = pool;
        this.pausedConnections = pausedConnections;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    /** Takes ownership of {@code msg}, a buffer of bytes read from the socket. */
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closed) {
            bytes.release();
            return;
        }
        ByteBuf held = input;
        if (held == null) {
            input = bytes;
        } else {
            CompositeByteBuf joined = held instanceof CompositeByteBuf composite
                    ? composite
                    : ctx.alloc().compositeBuffer().addComponent(true, held);
            input = joined.addComponent(true, bytes);
        }
        process(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        process(ctx);
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cleanUp();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cleanUp();
    }

    private void process(ChannelHandlerContext ctx) {
        if (processing || closed) {
            return;
        }
        processing = true;
        try {
            while (!closed && canRead(ctx)) {
                ByteBuf frame = body;
                if (frame == null) {
                    if (!readPrefix()) {
                        break;
                    }
                    if (declaredSize < 0 || declaredSize > config.maxRequestBytes()) {
                        failOnSize(ctx);
                        return;
                    }
                    if (!reserve(ctx, declaredSize)) {
                        break;
                    }
                    frame = ctx.alloc().buffer(declaredSize, declaredSize);
                    body = frame;
                }
                ByteBuf in = input;
                if (in != null) {
                    frame.writeBytes(in, Math.min(in.readableBytes(), declaredSize - frame.writerIndex()));
                }
                if (frame.writerIndex() < declaredSize) {
                    break;
                }
                emit(ctx, frame);
            }
        } finally {
            processing = false;
        }
        ByteBuf in = input;
        if (in != null && !in.isReadable()) {
            in.release();
            input = null;
        }
        updateReading(ctx);
    }

    /** Reads what is there of the size prefix; true once all four bytes are read. */
    private boolean readPrefix() {
        ByteBuf in = input;
        while (prefixRead < SIZE_PREFIX && in != null && in.isReadable()) {
            declaredSize = (declaredSize << 8) | in.readUnsignedByte();
            prefixRead++;
        }
        return prefixRead == SIZE_PREFIX;
    }

    private boolean reserve(ChannelHandlerContext ctx, int size) {
        if (heldBytes > 0 && heldBytes + size > config.queuedMaxRequestBytesPerConnection()) {
            return false; // Read again when this connection's frames are released.
        }
        if (!pool.tryReserve(size)) {
            RequestMemoryPool.Waiter wait = new RequestMemoryPool.Waiter(size, () -> retryAfterRelease(ctx));
            waiter = wait;
            pool.await(wait);
            return false;
        }
        heldBytes += size;
        return true;
    }

    /** Runs on the thread that released memory: always hops, so a retry never runs inside the pool's wake-up loop. */
    private void retryAfterRelease(ChannelHandlerContext ctx) {
        try {
            ctx.executor().execute(() -> {
                waiter = null;
                process(ctx);
            });
        } catch (RejectedExecutionException e) {
            // The event loop has stopped, and its connections with it: nothing is left to read.
        }
    }

    private void emit(ChannelHandlerContext ctx, ByteBuf frame) {
        int size = declaredSize;
        body = null;
        prefixRead = 0;
        declaredSize = 0;
        cancelReadTimeout();
        heldFrames++;
        if (heldFrames >= MAX_QUEUED) {
            tooManyFrames = true;
        }
        ctx.fireChannelRead(new RequestFrame(frame, size, this));
    }

    /** Gives a released frame's bytes back; called by {@link RequestFrame#release()} on any thread. */
    void frameReleased(int size) {
        pool.release(size);
        ChannelHandlerContext ctx = context;
        if (ctx != null) {
            onEventLoop(ctx.executor(), () -> {
                heldBytes -= size;
                heldFrames--;
                if (tooManyFrames && heldFrames <= MAX_QUEUED / 2) {
                    tooManyFrames = false;
                }
                process(ctx);
            });
        }
    }

    private boolean canRead(ChannelHandlerContext ctx) {
        return !closed
                && ctx.channel().isOpen()
                && !tooManyFrames
                && waiter == null
                && ctx.channel().isWritable()
                && !(prefixRead == SIZE_PREFIX
                        && body == null
                        && heldBytes > 0
                        && heldBytes + declaredSize > config.queuedMaxRequestBytesPerConnection());
    }

    private void updateReading(ChannelHandlerContext ctx) {
        if (closed || !ctx.channel().isOpen()) {
            cancelReadTimeout();
            return;
        }
        boolean reading = canRead(ctx);
        if (ctx.channel().config().isAutoRead() != reading) {
            ctx.channel().config().setAutoRead(reading);
        }
        if (paused == reading) {
            paused = !reading;
            pausedConnections.addAndGet(paused ? 1 : -1);
        }
        if (reading && prefixRead > 0) {
            if (readTimeout == null) {
                readTimeout = ctx.executor()
                        .schedule(
                                () -> onReadTimeout(ctx),
                                config.requestReadTimeout().toNanos(),
                                TimeUnit.NANOSECONDS);
            }
        } else {
            cancelReadTimeout();
        }
    }

    private void onReadTimeout(ChannelHandlerContext ctx) {
        readTimeout = null;
        if (closed) {
            return;
        }
        log.warn(
                "Closing connection from {}: {} not complete {} ms after its first byte"
                        + " (socket.request.read.timeout.ms)",
                ctx.channel().remoteAddress(),
                prefixRead < SIZE_PREFIX ? "a request size" : "a request of " + declaredSize + " bytes",
                config.requestReadTimeout().toMillis());
        cleanUp();
        ctx.close();
    }

    private void cancelReadTimeout() {
        ScheduledFuture<?> timeout = readTimeout;
        if (timeout != null) {
            timeout.cancel(false);
            readTimeout = null;
        }
    }

    private void failOnSize(ChannelHandlerContext ctx) {
        String reason = declaredSize < 0
                ? "request size " + declaredSize + " is negative"
                : "request size " + declaredSize + " is larger than socket.request.max.bytes "
                        + config.maxRequestBytes();
        log.warn("Closing connection from {}: {}", ctx.channel().remoteAddress(), reason);
        cleanUp();
        ctx.close();
    }

    /** Frees what this connection holds here: unread bytes, the partial frame and its reservation, its waiter. */
    private void cleanUp() {
        if (closed) {
            return;
        }
        closed = true;
        cancelReadTimeout();
        ByteBuf in = input;
        if (in != null) {
            in.release();
            input = null;
        }
        ByteBuf partial = body;
        if (partial != null) {
            partial.release();
            body = null;
            heldBytes -= declaredSize;
            pool.release(declaredSize);
        }
        RequestMemoryPool.@Nullable Waiter wait = waiter;
        if (wait != null) {
            pool.cancel(wait);
            waiter = null;
        }
        if (paused) {
            paused = false;
            pausedConnections.decrementAndGet();
        }
    }

    private static void onEventLoop(EventExecutor loop, Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // The event loop has stopped, and its connections with it: nothing is left to update.
        }
    }
}
