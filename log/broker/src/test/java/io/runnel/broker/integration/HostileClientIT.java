package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.network.BrokerServer;
import io.runnel.broker.network.NetworkStats;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.message.MetadataRequest;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that try to make the broker hold memory: one that never reads its responses, many that declare large
 * requests and stall, one that connects and says nothing. The broker's own gauges ({@link NetworkStats}) must stay
 * within the configured bounds, and everything must be given back.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HostileClientIT {
    private static final int MAX_REQUEST = 2 * 1024 * 1024;
    private static final long QUEUED_MAX = 32L * 1024 * 1024;
    private static final long QUEUED_MAX_PER_CONNECTION = 4096;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(8);
    private static final String WIDE_TOPIC = "wide";
    private static final int PARTITIONS = 100;

    @TempDir
    static Path dir;

    static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "num.network.threads", "1",
                "num.io.threads", "2",
                "socket.request.max.bytes", Integer.toString(MAX_REQUEST),
                "queued.max.request.bytes", Long.toString(QUEUED_MAX),
                "queued.max.request.bytes.per.connection", Long.toString(QUEUED_MAX_PER_CONNECTION),
                "socket.request.read.timeout.ms", Long.toString(READ_TIMEOUT.toMillis()),
                "connections.max.idle.ms", Long.toString(IDLE.toMillis()))));
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic(WIDE_TOPIC, PARTITIONS, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static Socket connect(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", broker.port()));
        socket.setSoTimeout(60_000);
        return socket;
    }

    private static byte[] metadataRequest(int correlationId) {
        MetadataRequest request = new MetadataRequest(
                List.of(new MetadataRequest.MetadataRequestTopic(new UUID(0, 0), WIDE_TOPIC)), false, false);
        List<ByteBuffer> encoded = RequestCodec.encode(ApiKey.METADATA, correlationId, "hostile", request);
        int size = encoded.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer joined = ByteBuffer.allocate(size);
        encoded.forEach(joined::put);
        return joined.array();
    }

    /** True once the broker closed the connection: end of stream, or a reset. */
    private static boolean closedByBroker(Socket socket) {
        try {
            return socket.getInputStream().read() == -1;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void shouldStopReadingAClientWhenItDoesNotReadItsResponses() throws Exception {
        int requests = 5000;
        NetworkStats stats = broker.networkStats();
        AtomicLong maxPendingResponses = new AtomicLong();
        AtomicLong maxQueuedRequests = new AtomicLong();
        Runnable sample = () -> {
            maxPendingResponses.accumulateAndGet(stats.pendingResponseBytes(), Math::max);
            maxQueuedRequests.accumulateAndGet(stats.queuedRequestBytes(), Math::max);
        };
        int requestSize = metadataRequest(1).length;
        try (Socket socket = connect(16 * 1024)) {
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int id = 1; id <= requests; id++) {
                        out.write(metadataRequest(id));
                    }
                    out.flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });

            await("the broker stops reading the connection, its responses backed up")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        sample.run();
                        return stats.pausedConnections() == 1
                                && stats.pendingResponseBytes() >= BrokerServer.HIGH_WATER_MARK;
                    });
            await("the responses held stay bounded while the client reads nothing")
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        sample.run();
                        return stats.pendingResponseBytes() <= 2L * BrokerServer.HIGH_WATER_MARK;
                    });

            assertThat(maxPendingResponses.get())
                    .as("response bytes held: one water mark plus one response, not one per request")
                    .isLessThanOrEqualTo(2L * BrokerServer.HIGH_WATER_MARK);
            assertThat(maxQueuedRequests.get())
                    .as("request bytes held for the connection")
                    .isLessThanOrEqualTo(QUEUED_MAX_PER_CONNECTION + requestSize);

            DataInputStream in = new DataInputStream(socket.getInputStream());
            for (int id = 1; id <= requests; id++) {
                byte[] response = new byte[in.readInt()];
                in.readFully(response);
                assertThat(ByteBuffer.wrap(response).getInt())
                        .as("correlation id")
                        .isEqualTo(id);
            }
            writer.get(60, TimeUnit.SECONDS);
        }
        await("everything given back")
                .atMost(Duration.ofSeconds(30))
                .until(() -> stats.queuedRequestBytes() == 0
                        && stats.pendingResponseBytes() == 0
                        && stats.pausedConnections() == 0);
    }

    @Test
    void shouldCloseConnectionsWhoseRequestsStallWhileHoldingAtMostTheBudget() throws Exception {
        int clients = 200;
        int declared = 1024 * 1024;
        NetworkStats stats = broker.networkStats();
        AtomicLong maxQueued = new AtomicLong();
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Socket socket = connect(0);
                sockets.add(socket);
                DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                out.writeInt(declared);
                out.write(new byte[100]);
                out.flush();
                maxQueued.accumulateAndGet(stats.queuedRequestBytes(), Math::max);
            }

            await("every stalled connection closed (read timeout, or idle while waiting for room)")
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        maxQueued.accumulateAndGet(stats.queuedRequestBytes(), Math::max);
                        return stats.openConnections() == 0 && stats.queuedRequestBytes() == 0;
                    });

            assertThat(maxQueued.get()).isLessThanOrEqualTo(QUEUED_MAX);
            assertThat(stats.pausedConnections()).isZero();
            for (Socket socket : sockets) {
                assertThat(closedByBroker(socket)).isTrue();
            }
        } finally {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (SocketException ignored) {
                    // Already reset by the broker.
                }
            }
        }
        BrokerBadInputIT.assertThatServes(broker);
    }

    @Test
    void shouldCloseAConnectionWhenItStaysIdle() throws Exception {
        try (Socket socket = connect(0)) {
            InputStream in = socket.getInputStream();

            assertThat(in.read())
                    .as("closed by the broker after connections.max.idle.ms")
                    .isEqualTo(-1);
        }
    }
}
