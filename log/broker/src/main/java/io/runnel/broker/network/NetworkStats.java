package io.runnel.broker.network;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the listener holds for its clients right now: the gauges behind its memory bounds. Each read is a snapshot of
 * one counter, not a consistent view of all of them. Thread-safe.
 */
public final class NetworkStats {
    private final RequestMemoryPool pool;
    private final ChannelGroup connections;
    private final AtomicInteger pausedConnections;

    NetworkStats(RequestMemoryPool pool, ChannelGroup connections, AtomicInteger pausedConnections) {
        this.pool = pool;
        this.connections = connections;
        this.pausedConnections = pausedConnections;
    }

    /**
     * Request bytes held: declared sizes of frames being read, queued, or being handled (bounded by {@code
     * queued.max.request.bytes}).
     */
    public long queuedRequestBytes() {
        return pool.reservedBytes();
    }

    /**
     * Response bytes written to connections but not yet taken by their sockets (Netty's outbound buffers; fetched
     * segment regions count 0, they stay on disk). A connection past its high water mark is not read and starts no
     * request, so this stays below one water mark plus one response per connection.
     */
    public long pendingResponseBytes() {
        long total = 0;
        for (Channel channel : connections) {
            ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
            if (outbound != null) {
                total += outbound.totalPendingWriteBytes();
            }
        }
        return total;
    }

    /** Connections the broker is not reading now: out of request budget, or their responses are not being read. */
    public int pausedConnections() {
        return pausedConnections.get();
    }

    /** Open client connections. */
    public int openConnections() {
        return connections.size();
    }
}
