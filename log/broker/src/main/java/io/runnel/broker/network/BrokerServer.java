package io.runnel.broker.network;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.runnel.broker.config.NetworkConfig;
import io.runnel.broker.handler.ApiHandlers;
import io.runnel.common.errors.StorageException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's Kafka-protocol listener on Netty: epoll where available, NIO otherwise. Each connection's pipeline:
 *
 * <pre>
 *   idle     IdleStateHandler: no read or write for connections.max.idle.ms → an event that closes the connection
 *   frames   RequestFrameDecoder: frames within socket.request.max.bytes, the request budgets, the read timeout;
 *            stops reading while the channel is not writable
 *   requests RequestHandler: one request at a time, in order, started only while the channel is writable
 * </pre>
 *
 * <p>Memory a client can make the broker hold is bounded: request bytes by {@code queued.max.request.bytes} (all
 * connections) and {@code queued.max.request.bytes.per.connection}, reserved before a frame is read; response bytes
 * by the channels' write buffer water marks ({@value #LOW_WATER_MARK} / {@value #HIGH_WATER_MARK} bytes) plus one
 * response per connection. {@link #stats()} reports both.
 *
 * <p>Owns its event loop groups ({@code num.network.threads} workers) and the server channel; {@link #close()} stops
 * accepting, closes connections and shuts the loops down.
 */
public final class BrokerServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BrokerServer.class);

    /** A connection whose unwritten responses pass this many bytes is not writable: it is not read, starts nothing. */
    public static final int HIGH_WATER_MARK = 64 * 1024;

    /** ... until they drain below this many. */
    static final int LOW_WATER_MARK = 32 * 1024;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final NetworkStats stats;

    private BrokerServer(EventLoopGroup acceptor, EventLoopGroup workers, Channel channel, NetworkStats stats) {
        this.acceptor = acceptor;
        this.workers = workers;
        this.channel = channel;
        this.stats = stats;
    }

    /**
     * Binds and starts serving.
     *
     * @throws StorageException if the address cannot be bound
     */
    public static BrokerServer start(
            String host, int port, int networkThreads, NetworkConfig config, ApiHandlers handlers) {
        boolean epoll = Epoll.isAvailable();
        EventLoopGroup acceptor =
                new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
                networkThreads, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        RequestMemoryPool pool = new RequestMemoryPool(config.queuedMaxRequestBytes());
        AtomicInteger paused = new AtomicInteger();
        ChannelGroup connections = new DefaultChannelGroup("runnel-connections", GlobalEventExecutor.INSTANCE);
        long idleNanos = config.connectionsMaxIdle().toNanos();
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(acceptor, workers)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(
                            ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(LOW_WATER_MARK, HIGH_WATER_MARK))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleNanos, TimeUnit.NANOSECONDS));
                            ch.pipeline().addLast("frames", new RequestFrameDecoder(config, pool, paused));
                            ch.pipeline().addLast("requests", new RequestHandler(handlers::handle));
                        }
                    });
            Channel channel = bootstrap.bind(host, port).syncUninterruptibly().channel();
            log.info("Listening on {} ({})", channel.localAddress(), epoll ? "epoll" : "nio");
            return new BrokerServer(acceptor, workers, channel, new NetworkStats(pool, connections, paused));
        } catch (RuntimeException e) {
            acceptor.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw new StorageException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The bound port (useful with port 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** What the listener holds for its clients now. */
    public NetworkStats stats() {
        return stats;
    }

    /** Stops accepting, closes connections, stops the event loops. Idempotent. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        acceptor.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
