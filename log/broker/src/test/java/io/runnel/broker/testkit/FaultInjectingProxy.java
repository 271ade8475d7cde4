package io.runnel.broker.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy in front of one broker that speaks just enough of Kafka's framing to lose chosen responses, the way a
 * network does: clients connect to it (the broker advertises the proxy's port), it forwards whole frames both ways
 * and remembers which API each correlation id belongs to, and, when a fault is armed, it swallows a response to that
 * API after the broker has acted on the request. Then it either closes the connection (the client sees a disconnect)
 * or stalls it, forwarding nothing more (the client sees only its own request timeout). Either way the client cannot
 * know whether the request took effect; an idempotent producer must retry without writing anything twice.
 *
 * <p>Threads: one acceptor, and two pumps per connection (client to broker, broker to client), all owned by the
 * proxy and stopped by {@link #close()}. Each new connection goes to the broker's port of the moment, so the proxy
 * follows a broker that restarts elsewhere.
 */
public final class FaultInjectingProxy implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FaultInjectingProxy.class);
    private static final int MAX_FRAME = 64 * 1024 * 1024;

    /** What happens to the connection after a swallowed response. */
    public enum AfterDrop {
        /** The proxy closes both sides: the client sees a disconnect at once. */
        CLOSE,
        /** The proxy forwards nothing more from the broker: the client sees its request time out. */
        STALL
    }

    private final ServerSocketChannel server;
    private final IntSupplier targetPort;
    private final Thread acceptor;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile boolean closed;

    /** A plan for responses to one API: drop {@code remaining} of them (or every {@code every}-th), then act. */
    private record Fault(int apiKey, AtomicInteger remaining, int every, AtomicInteger seen, AfterDrop after) {
        static final Fault NONE = new Fault(-1, new AtomicInteger(), 0, new AtomicInteger(), AfterDrop.CLOSE);

        boolean shouldDrop(int responseApiKey) {
            if (responseApiKey != apiKey) {
                return false;
            }
            if (every > 0) {
                return seen.incrementAndGet() % every == 0;
            }
            return remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    private FaultInjectingProxy(ServerSocketChannel server, IntSupplier targetPort) {
        this.server = server;
        this.targetPort = targetPort;
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-acceptor");
        this.acceptor.setDaemon(true);
    }

    /** Starts a proxy on a free loopback port, forwarding each new connection to {@code targetPort}'s value. */
    public static FaultInjectingProxy start(IntSupplier targetPort) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        FaultInjectingProxy proxy = new FaultInjectingProxy(server, targetPort);
        proxy.acceptor.start();
        return proxy;
    }

    public int port() {
        return server.socket().getLocalPort();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    /** Swallows the next {@code count} responses to API {@code apiKey}, each followed by {@code after}. */
    public void dropResponses(int apiKey, int count, AfterDrop after) {
        fault = new Fault(apiKey, new AtomicInteger(count), 0, new AtomicInteger(), after);
    }

    /** Swallows every {@code n}-th response to API {@code apiKey} and closes its connection, until {@link #heal()}. */
    public void dropEveryNthResponse(int apiKey, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, not " + n);
        }
        fault = new Fault(apiKey, new AtomicInteger(), n, new AtomicInteger(), AfterDrop.CLOSE);
    }

    /** Forwards everything again; connections already stalled stay stalled until their client drops them. */
    public void heal() {
        fault = Fault.NONE;
    }

    /** How many responses the proxy has swallowed so far. */
    public int droppedResponses() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        closed = true;
        server.close();
        for (Connection connection : connections) {
            connection.close();
        }
        acceptor.join(10_000);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                SocketChannel client = server.accept();
                SocketChannel broker;
                try {
                    broker = SocketChannel.open(new InetSocketAddress("127.0.0.1", targetPort.getAsInt()));
                } catch (IOException e) {
                    // The broker is down (a restart): the client sees a refused connection, as it would directly.
                    client.close();
                    continue;
                }
                Connection connection = new Connection(client, broker);
                connections.add(connection);
                connection.start();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed) {
                    log.warn("Proxy failed to accept a connection", e);
                }
            }
        }
    }

    /** One client connection and its connection to the broker. */
    private final class Connection {
        private final SocketChannel client;
        private final SocketChannel broker;
        // Correlation id -> API key of the requests the broker has not answered yet.
        private final Map<Integer, Integer> pending = new ConcurrentHashMap<>();
        private volatile boolean stalled;

        Connection(SocketChannel client, SocketChannel broker) {
            this.client = client;
            this.broker = broker;
        }

        void start() {
            Thread up = new Thread(
                    this::forwardRequests,
                    "fault-proxy-requests-" + client.socket().getPort());
            Thread down = new Thread(
                    this::forwardResponses,
                    "fault-proxy-responses-" + client.socket().getPort());
            up.setDaemon(true);
            down.setDaemon(true);
            up.start();
            down.start();
        }

        private void forwardRequests() {
            try {
                while (true) {
                    ByteBuffer frame = readFrame(client);
                    // Request header: api key (int16), api version (int16), correlation id (int32).
                    pending.put(frame.getInt(8), (int) frame.getShort(4));
                    writeFully(broker, frame);
                }
            } catch (IOException e) {
                close();
            }
        }

        private void forwardResponses() {
            try {
                while (true) {
                    ByteBuffer frame = readFrame(broker);
                    // Response header: correlation id (int32) first.
                    Integer apiKey = pending.remove(frame.getInt(4));
                    if (stalled) {
                        continue;
                    }
                    Fault current = fault;
                    if (apiKey != null && current.shouldDrop(apiKey)) {
                        dropped.incrementAndGet();
                        if (current.after() == AfterDrop.CLOSE) {
                            close();
                            return;
                        }
                        stalled = true;
                        continue;
                    }
                    writeFully(client, frame);
                }
            } catch (IOException e) {
                close();
            }
        }

        void close() {
            connections.remove(this);
            closeQuietly(client);
            closeQuietly(broker);
        }
    }

    /** Reads one size-prefixed frame, size included, positioned at 0. */
    private static ByteBuffer readFrame(SocketChannel channel) throws IOException {
        ByteBuffer size = ByteBuffer.allocate(4);
        readFully(channel, size);
        int length = size.getInt(0);
        if (length < 0 || length > MAX_FRAME) {
            throw new IOException("Frame size " + length + " out of range");
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + length);
        frame.putInt(length);
        readFully(channel, frame);
        frame.flip();
        return frame;
    }

    private static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException();
            }
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("Closing a proxied channel failed", e);
        }
    }
}
