package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.protocol.ApiKey;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One connection to one broker, a state machine owned by the {@link NetworkClient}'s I/O thread:
 *
 * <pre>
 *   CONNECTING --connected--> CHECKING_VERSIONS --ApiVersions ok--> READY
 *        \___________________________\__________________________________\--error/timeout--> closed
 * </pre>
 *
 * Requests are written in order from {@link #sendQueue} and answered in order, so the head of {@link #inFlight} is
 * always the request the next response belongs to. Not thread-safe.
 */
final class NodeConnection {
    enum State {
        CONNECTING,
        CHECKING_VERSIONS,
        READY
    }

    /** A request written (or being written) whose response is awaited. */
    static final class InFlight {
        final int correlationId;
        final ApiKey apiKey;
        final ResponseHandler handler;
        final boolean expectResponse;
        final long deadlineMs;
        /** The frame's buffers, written in order; null once fully written. */
        ByteBuffer @Nullable [] frame;

        InFlight(
                int correlationId,
                ApiKey apiKey,
                ResponseHandler handler,
                boolean expectResponse,
                long deadlineMs,
                ByteBuffer[] frame) {
            this.correlationId = correlationId;
            this.apiKey = apiKey;
            this.handler = handler;
            this.expectResponse = expectResponse;
            this.deadlineMs = deadlineMs;
            this.frame = frame;
        }
    }

    final Node node;
    final SocketChannel channel;
    final SelectionKey key;
    final long connectDeadlineMs;
    State state = State.CONNECTING;
    /** Requests not fully written yet, in order. */
    final Deque<InFlight> sendQueue = new ArrayDeque<>();
    /** Requests fully written whose responses are awaited, in order. */
    final Deque<InFlight> inFlight = new ArrayDeque<>();
    /** The version range of every API the broker speaks, from its ApiVersions response. */
    final Map<ApiKey, short[]> brokerVersions = new EnumMap<>(ApiKey.class);

    final ByteBuffer sizeBuffer = ByteBuffer.allocate(4);

    @Nullable
    ByteBuffer frameBuffer;

    NodeConnection(Node node, SocketChannel channel, SelectionKey key, long connectDeadlineMs) {
        this.node = node;
        this.channel = channel;
        this.key = key;
        this.connectDeadlineMs = connectDeadlineMs;
    }

    /** Requests sent or queued and not yet answered. */
    int pending() {
        return sendQueue.size() + inFlight.size();
    }
}
