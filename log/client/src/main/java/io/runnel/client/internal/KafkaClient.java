package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.Message;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The network as the clients' I/O loops see it: connections per broker, requests with response handlers, and a
 * {@link #poll} that does the work and runs the handlers. {@link NetworkClient} is the implementation over a
 * selector; tests step the loops with a scripted one. Owned by one I/O thread, except {@link #wakeup()}.
 */
public interface KafkaClient extends AutoCloseable {
    /** Whether {@code node} is connected and has passed the ApiVersions check. */
    boolean isReady(Node node);

    /** Whether {@code node} is ready; starts connecting if it is not and reconnect backoff allows. */
    boolean ready(Node node, long nowMs);

    /** Whether a connection to {@code node} exists or may be opened now. */
    boolean canConnect(Node node, long nowMs);

    /** Whether a connection to {@code node} is being opened. */
    boolean isConnecting(Node node);

    /** Requests to {@code node} not yet answered. */
    int pendingRequests(Node node);

    /** Whether any request is not yet answered. */
    boolean hasPendingRequests();

    /** The candidate with the fewest pending requests among those ready or connectable, or null. */
    @Nullable
    Node leastLoadedNode(List<Node> candidates, long nowMs);

    /**
     * Queues a request to a ready node; its handler runs on a later {@link #poll}.
     *
     * @throws IllegalStateException if {@code node} is not ready
     */
    void send(
            Node node,
            ApiKey apiKey,
            Message body,
            ResponseHandler handler,
            boolean expectResponse,
            long nowMs,
            long timeoutMs);

    /** Closes the connection to {@code node}, failing its requests. */
    void disconnect(Node node);

    /** Does the network work that is ready, waiting up to {@code timeoutMs}, then runs completed handlers. */
    void poll(long timeoutMs, long nowMs);

    /**
     * Why the last attempt to connect to a broker failed, as {@code host:port: cause} ({@code connection refused},
     * {@code unknown host}, {@code timed out after N ms}); null if none failed since a connection last worked. Any
     * thread.
     */
    default @Nullable String lastConnectionFailure() {
        return null;
    }

    /** Makes a blocked {@link #poll} return. Any thread. */
    void wakeup();

    /** Closes every connection, failing their requests. Idempotent. */
    @Override
    void close();
}
