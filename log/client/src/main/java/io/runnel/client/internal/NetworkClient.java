package io.runnel.client.internal;

import io.runnel.client.Node;
import io.runnel.common.Time;
import io.runnel.common.errors.NetworkException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.Frames;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.ApiVersionsRequest;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.Message;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network layer of every Runnel client: one {@link Selector} and at most one connection per broker, Kafka's
 * framing, correlation ids, requests answered in order per connection, request timeouts and reconnect backoff.
 *
 * <h2>How it works</h2>
 *
 * A caller on the I/O thread checks {@link #ready(Node, long)} (which starts connecting when allowed), {@link #send}s
 * requests with a {@link ResponseHandler}, and calls {@link #poll(long, long)} in its loop. {@code poll} selects,
 * finishes connections, writes queued frames with gathering writes, reads whole response frames, matches each to the
 * oldest in-flight request of its connection (Kafka brokers answer a connection's requests in order) and then runs
 * the handlers, after the selector work, so that a handler may send again.
 *
 * <p>On connect, the first request is ApiVersions at Runnel's version. The connection becomes ready when the broker's
 * answer is in; a later request for an API the broker does not speak at Runnel's version fails with {@link
 * UnsupportedVersionException} instead of being sent. A request not answered within its timeout, or a connection not
 * established within {@code socket.connection.setup.timeout.ms}, closes the connection: every request on it then
 * fails ({@link TimeoutException} or {@link NetworkException}), and reconnecting waits {@code reconnect.backoff.ms}.
 *
 * <p>Not thread-safe: one I/O thread owns it, except {@link #wakeup()}, which any thread may call. {@link #close()}
 * closes every connection and the selector.
 */
public final class NetworkClient implements KafkaClient {
    private static final Logger log = LoggerFactory.getLogger(NetworkClient.class);
    private static final String SOFTWARE_NAME = "runnel-java";
    private static final String SOFTWARE_VERSION = "0.1.0";

    private final NetworkConfig config;
    private final Time time;
    private final String logPrefix;
    private final Selector selector;
    private final Map<Integer, NodeConnection> connections = new HashMap<>();
    private final Map<Integer, Long> lastFailureMs = new HashMap<>();
    private final List<Runnable> completions = new ArrayList<>();
    /** Why the last connection attempt failed (address and cause); cleared by a connection that works. */
    private volatile @Nullable String lastConnectionFailure;

    private int nextCorrelationId;
    private boolean closed;

    public NetworkClient(NetworkConfig config, Time time, String logPrefix) {
        this.config = config;
        this.time = time;
        this.logPrefix = logPrefix;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new RunnelException("cannot open a selector", e);
        }
    }

    /** Whether a connection to {@code node} is established and has passed the ApiVersions check. */
    @Override
    public boolean isReady(Node node) {
        NodeConnection connection = connections.get(node.id());
        return connection != null && connection.state == NodeConnection.State.READY;
    }

    /**
     * Whether {@code node} is ready for requests; if it is not connected and not in reconnect backoff, starts
     * connecting (a later {@link #poll} completes it).
     */
    @Override
    public boolean ready(Node node, long nowMs) {
        NodeConnection connection = connections.get(node.id());
        if (connection != null) {
            return connection.state == NodeConnection.State.READY;
        }
        if (canConnect(node, nowMs)) {
            connect(node, nowMs);
        }
        return false;
    }

    /** Whether a connection to {@code node} exists or may be opened now. */
    @Override
    public boolean canConnect(Node node, long nowMs) {
        if (connections.containsKey(node.id())) {
            return true;
        }
        Long failed = lastFailureMs.get(node.id());
        return failed == null || nowMs - failed >= config.reconnectBackoff().toMillis();
    }

    /** Whether a connection to {@code node} is open or opening. */
    @Override
    public boolean isConnecting(Node node) {
        NodeConnection connection = connections.get(node.id());
        return connection != null && connection.state != NodeConnection.State.READY;
    }

    /** Requests to {@code node} sent or queued and not yet answered. */
    @Override
    public int pendingRequests(Node node) {
        NodeConnection connection = connections.get(node.id());
        return connection == null ? 0 : connection.pending();
    }

    /** Whether any request anywhere is not answered yet. */
    @Override
    public boolean hasPendingRequests() {
        for (NodeConnection connection : connections.values()) {
            if (connection.pending() > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The candidate with the fewest requests pending among those ready or connectable, preferring ready ones; null if
     * all are in reconnect backoff.
     */
    @Override
    public @Nullable Node leastLoadedNode(List<Node> candidates, long nowMs) {
        Node best = null;
        int bestScore = Integer.MAX_VALUE;
        int start = candidates.isEmpty() ? 0 : Math.floorMod(nextCorrelationId, candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            Node node = candidates.get((start + i) % candidates.size());
            int score;
            if (isReady(node)) {
                score = pendingRequests(node);
            } else if (isConnecting(node)) {
                score = 1_000_000;
            } else if (canConnect(node, nowMs)) {
                score = 2_000_000;
            } else {
                continue;
            }
            if (score < bestScore) {
                best = node;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Queues a request to a ready node. Its handler runs on a later {@link #poll}: with the response, or with the
     * failure if the broker does not speak the API at our version, the connection breaks or no response comes within
     * {@code timeoutMs}.
     *
     * @param expectResponse false only for a produce request with {@code acks=0}; the handler then gets null once the
     *     request is written
     * @throws IllegalStateException if {@code node} is not {@link #isReady ready}
     */
    @Override
    public void send(
            Node node,
            ApiKey apiKey,
            Message body,
            ResponseHandler handler,
            boolean expectResponse,
            long nowMs,
            long timeoutMs) {
        NodeConnection connection = connections.get(node.id());
        if (connection == null || connection.state != NodeConnection.State.READY) {
            throw new IllegalStateException("node " + node + " is not ready for requests");
        }
        short[] range = connection.brokerVersions.get(apiKey);
        if (range == null || apiKey.version() < range[0] || apiKey.version() > range[1]) {
            UnsupportedVersionException error = new UnsupportedVersionException("broker " + node + " does not speak "
                    + apiKey + " version " + apiKey.version() + " (it speaks "
                    + (range == null ? "no version" : "versions " + range[0] + " to " + range[1]) + ")");
            completions.add(() -> handler.onFailure(error));
            return;
        }
        enqueue(connection, apiKey, body, handler, expectResponse, nowMs + timeoutMs);
    }

    /** Closes the connection to {@code node}, failing its requests with a {@link NetworkException}. */
    @Override
    public void disconnect(Node node) {
        NodeConnection connection = connections.get(node.id());
        if (connection != null) {
            close(connection, new NetworkException("disconnected from " + node + " by the client"));
        }
    }

    /** Makes a blocked {@link #poll} return at once. Any thread may call it. */
    @Override
    public void wakeup() {
        selector.wakeup();
    }

    /**
     * Does the network work that is ready, waiting up to {@code timeoutMs} for some, then runs the handlers of the
     * requests that completed.
     */
    @Override
    public void poll(long timeoutMs, long nowMs) {
        if (closed) {
            throw new IllegalStateException("the network client is closed");
        }
        long wait = completions.isEmpty() ? Math.max(0, Math.min(timeoutMs, nextTimeoutMs(nowMs) - nowMs)) : 0;
        try {
            if (wait == 0) {
                selector.selectNow();
            } else {
                selector.select(wait);
            }
        } catch (IOException e) {
            throw new RunnelException("selector failed", e);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            NodeConnection connection = (NodeConnection) key.attachment();
            if (connection != null && key.isValid()) {
                handleKey(connection, key);
            }
        }
        expireTimedOut(time.milliseconds());
        runCompletions();
    }

    private void handleKey(NodeConnection connection, SelectionKey key) {
        try {
            if (key.isConnectable() && connection.channel.finishConnect()) {
                onConnected(connection);
            }
            if (key.isValid() && key.isReadable()) {
                read(connection);
            }
            if (key.isValid() && key.isWritable() && connections.get(connection.node.id()) == connection) {
                write(connection);
            }
        } catch (IOException e) {
            if (connection.state == NodeConnection.State.CONNECTING) {
                connectionFailed(connection.node, e);
            }
            close(connection, new NetworkException("connection to " + connection.node + " failed: " + e, e));
        } catch (RunnelException e) {
            close(connection, e);
        }
    }

    private void connect(Node node, long nowMs) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            if (config.sendBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_SNDBUF, config.sendBufferBytes());
            }
            if (config.receiveBufferBytes() > 0) {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            }
            boolean connected = channel.connect(new InetSocketAddress(node.host(), node.port()));
            SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT);
            NodeConnection connection = new NodeConnection(
                    node, channel, key, nowMs + config.connectionSetupTimeout().toMillis());
            key.attach(connection);
            connections.put(node.id(), connection);
            log.debug("{} Connecting to {}", logPrefix, node);
            if (connected) {
                onConnected(connection);
            }
        } catch (IOException | RuntimeException e) {
            lastFailureMs.put(node.id(), nowMs);
            connectionFailed(node, e);
            log.debug("{} Cannot connect to {}: {}", logPrefix, node, e.toString());
            if (channel != null) {
                closeQuietly(channel);
            }
            NodeConnection connection = connections.get(node.id());
            if (connection != null && connection.channel == channel) {
                connections.remove(node.id());
            }
        }
    }

    @Override
    public @Nullable String lastConnectionFailure() {
        return lastConnectionFailure;
    }

    private void connectionFailed(Node node, Exception e) {
        String cause;
        if (e instanceof java.nio.channels.UnresolvedAddressException) {
            cause = "unknown host";
        } else if (e instanceof java.net.ConnectException && e.getMessage() != null) {
            cause = e.getMessage().toLowerCase(java.util.Locale.ROOT);
        } else {
            cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        lastConnectionFailure = address(node) + ": " + cause;
    }

    private static String address(Node node) {
        return node.host() + ":" + node.port();
    }

    private void onConnected(NodeConnection connection) {
        connection.state = NodeConnection.State.CHECKING_VERSIONS;
        connection.key.interestOps(SelectionKey.OP_READ);
        log.debug("{} Connected to {}; checking API versions", logPrefix, connection.node);
        enqueue(
                connection,
                ApiKey.API_VERSIONS,
                new ApiVersionsRequest(SOFTWARE_NAME, SOFTWARE_VERSION),
                new ApiVersionsCheck(connection),
                true,
                time.milliseconds() + config.requestTimeout().toMillis());
    }

    /** Records the broker's API versions; the connection becomes ready, or closes if ApiVersions itself failed. */
    private final class ApiVersionsCheck implements ResponseHandler {
        private final NodeConnection connection;

        ApiVersionsCheck(NodeConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onResponse(@Nullable Message body) {
            ApiVersionsResponse response = (ApiVersionsResponse) body;
            if (response == null || connections.get(connection.node.id()) != connection) {
                return;
            }
            Errors error = Errors.forCode(response.errorCode());
            if (error != Errors.NONE) {
                close(
                        connection,
                        new UnsupportedVersionException("broker " + connection.node + " refused ApiVersions version "
                                + ApiKey.API_VERSIONS.version() + ": " + error));
                return;
            }
            for (ApiVersionsResponse.ApiVersion version : response.apiKeys()) {
                ApiKey key = ApiKey.forId(version.apiKey());
                if (key != null) {
                    connection.brokerVersions.put(key, new short[] {version.minVersion(), version.maxVersion()});
                }
            }
            connection.state = NodeConnection.State.READY;
            lastFailureMs.remove(connection.node.id());
            lastConnectionFailure = null;
            log.debug("{} Connection to {} is ready", logPrefix, connection.node);
        }

        @Override
        public void onFailure(RuntimeException error) {
            // the connection is already closed: nothing more to do
        }
    }

    private void enqueue(
            NodeConnection connection,
            ApiKey apiKey,
            Message body,
            ResponseHandler handler,
            boolean expectResponse,
            long deadlineMs) {
        int correlationId = nextCorrelationId++;
        if (nextCorrelationId == Integer.MAX_VALUE) {
            nextCorrelationId = 0;
        }
        List<ByteBuffer> frame = RequestCodec.encode(apiKey, correlationId, config.clientId(), body);
        connection.sendQueue.add(new NodeConnection.InFlight(
                correlationId, apiKey, handler, expectResponse, deadlineMs, frame.toArray(new ByteBuffer[0])));
        if (connection.state != NodeConnection.State.CONNECTING) {
            connection.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private void write(NodeConnection connection) throws IOException {
        while (!connection.sendQueue.isEmpty()) {
            NodeConnection.InFlight request = connection.sendQueue.peek();
            ByteBuffer[] frame = request.frame;
            if (frame != null) {
                connection.channel.write(frame);
                if (frame[frame.length - 1].hasRemaining()) {
                    return;
                }
            }
            connection.sendQueue.poll();
            request.frame = null;
            if (request.expectResponse) {
                connection.inFlight.add(request);
            } else {
                completions.add(() -> request.handler.onResponse(null));
            }
        }
        connection.key.interestOps(SelectionKey.OP_READ);
    }

    private void read(NodeConnection connection) throws IOException {
        while (true) {
            ByteBuffer frame = connection.frameBuffer;
            if (frame == null) {
                int n = connection.channel.read(connection.sizeBuffer);
                if (n < 0) {
                    throw new IOException("the broker closed the connection");
                }
                if (connection.sizeBuffer.hasRemaining()) {
                    return;
                }
                int size = connection.sizeBuffer.getInt(0);
                connection.sizeBuffer.clear();
                if (size < 0 || size > Frames.DEFAULT_MAX_FRAME_SIZE) {
                    throw new NetworkException("response frame size " + size + " from " + connection.node
                            + " is outside [0, " + Frames.DEFAULT_MAX_FRAME_SIZE + "]");
                }
                frame = ByteBuffer.allocate(size);
                connection.frameBuffer = frame;
            }
            int n = connection.channel.read(frame);
            if (n < 0) {
                throw new IOException("the broker closed the connection");
            }
            if (frame.hasRemaining()) {
                return;
            }
            connection.frameBuffer = null;
            onFrame(connection, frame.flip());
            if (connections.get(connection.node.id()) != connection) {
                return;
            }
        }
    }

    private void onFrame(NodeConnection connection, ByteBuffer frame) {
        NodeConnection.InFlight request = connection.inFlight.poll();
        if (request == null) {
            throw new NetworkException("unexpected response from " + connection.node + " with no request in flight");
        }
        if (frame.remaining() < 4 || frame.getInt(frame.position()) != request.correlationId) {
            throw new NetworkException("response from " + connection.node + " has correlation id "
                    + (frame.remaining() < 4 ? "(none)" : frame.getInt(frame.position())) + ", expected "
                    + request.correlationId);
        }
        Message body = ResponseCodec.decode(frame, request.apiKey).body();
        if (request.handler instanceof ApiVersionsCheck) {
            request.handler.onResponse(body);
        } else {
            completions.add(() -> request.handler.onResponse(body));
        }
    }

    private long nextTimeoutMs(long nowMs) {
        long next = nowMs + 60_000L;
        for (NodeConnection connection : connections.values()) {
            if (connection.state == NodeConnection.State.CONNECTING) {
                next = Math.min(next, connection.connectDeadlineMs);
            }
            NodeConnection.InFlight oldest = connection.inFlight.peek();
            if (oldest == null) {
                oldest = connection.sendQueue.peek();
            }
            if (oldest != null) {
                next = Math.min(next, oldest.deadlineMs);
            }
        }
        return next;
    }

    private void expireTimedOut(long nowMs) {
        for (NodeConnection connection : new ArrayList<>(connections.values())) {
            if (connection.state == NodeConnection.State.CONNECTING && nowMs >= connection.connectDeadlineMs) {
                lastConnectionFailure = address(connection.node) + ": timed out after "
                        + config.connectionSetupTimeout().toMillis() + " ms";
                close(
                        connection,
                        new TimeoutException("connecting to " + connection.node + " took longer than "
                                + config.connectionSetupTimeout().toMillis() + " ms"));
                continue;
            }
            NodeConnection.InFlight expired = firstExpired(connection, nowMs);
            if (expired != null) {
                close(
                        connection,
                        new TimeoutException(expired.apiKey + " request to " + connection.node
                                + " received no response in time; the connection was closed"));
            }
        }
    }

    private static NodeConnection.@Nullable InFlight firstExpired(NodeConnection connection, long nowMs) {
        for (NodeConnection.InFlight request : connection.inFlight) {
            if (nowMs >= request.deadlineMs) {
                return request;
            }
        }
        for (NodeConnection.InFlight request : connection.sendQueue) {
            if (nowMs >= request.deadlineMs) {
                return request;
            }
        }
        return null;
    }

    private void close(NodeConnection connection, RuntimeException cause) {
        if (connections.get(connection.node.id()) == connection) {
            connections.remove(connection.node.id());
        }
        lastFailureMs.put(connection.node.id(), time.milliseconds());
        connection.key.cancel();
        closeQuietly(connection.channel);
        if (connection.state == NodeConnection.State.READY || connection.pending() > 0) {
            log.info("{} Disconnected from {}: {}", logPrefix, connection.node, cause.getMessage());
        } else {
            log.debug("{} Connection to {} failed: {}", logPrefix, connection.node, cause.getMessage());
        }
        List<NodeConnection.InFlight> failed = new ArrayList<>(connection.inFlight);
        failed.addAll(connection.sendQueue);
        connection.inFlight.clear();
        connection.sendQueue.clear();
        for (NodeConnection.InFlight request : failed) {
            if (!(request.handler instanceof ApiVersionsCheck)) {
                completions.add(() -> request.handler.onFailure(cause));
            }
        }
    }

    private void runCompletions() {
        while (!completions.isEmpty()) {
            List<Runnable> batch = new ArrayList<>(completions);
            completions.clear();
            for (Runnable completion : batch) {
                try {
                    completion.run();
                } catch (RuntimeException e) {
                    log.error("{} A response handler failed", logPrefix, e);
                }
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a socket failed: {}", e.toString());
        }
    }

    /** Closes every connection, failing their requests, and the selector. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (NodeConnection connection : new ArrayList<>(connections.values())) {
            close(connection, new NetworkException("the client is closing"));
        }
        runCompletions();
        closed = true;
        try {
            selector.close();
        } catch (IOException e) {
            log.debug("{} Closing the selector failed: {}", logPrefix, e.toString());
        }
    }
}
