package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.testkit.RawKafkaConnection;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.protocol.message.ProduceResponse;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatchBuilder;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Garbage, truncated, oversized and unsupported requests: the broker answers or closes, and keeps serving. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class BrokerBadInputIT {
    private static final int MAX_REQUEST = 64 * 1024;

    @TempDir
    static Path dir;

    static Broker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "socket.request.max.bytes", Integer.toString(MAX_REQUEST))));
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            admin.createTopics(List.of(new NewTopic("ok", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", broker.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** True if the broker closed the connection (end of stream) rather than answering. */
    static boolean closedByBroker(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Test
    void shouldCloseTheConnectionWhenARequestIsLargerThanTheLimit() throws IOException {
        try (Socket socket = connect()) {
            new DataOutputStream(socket.getOutputStream()).writeInt(MAX_REQUEST + 1);

            assertThat(closedByBroker(socket)).isTrue();
        }
        assertThatBrokerStillServes();
    }

    @Test
    void shouldCloseTheConnectionWhenAnApiVersionIsUnsupported() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] header = ByteBuffer.allocate(10)
                    .putShort((short) 3)
                    .putShort((short) 99)
                    .putInt(7)
                    .putShort((short) -1)
                    .array();
            out.writeInt(header.length);
            out.write(header);

            assertThat(closedByBroker(socket)).isTrue();
        }
    }

    @Test
    void shouldAnswerApiVersionsFallbackWhenItsVersionIsUnsupported() throws IOException {
        try (Socket socket = connect()) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            byte[] header = ByteBuffer.allocate(10)
                    .putShort((short) 18)
                    .putShort((short) 99)
                    .putInt(42)
                    .putShort((short) -1)
                    .array();
            out.writeInt(header.length);
            out.write(header);

            DataInputStream in = new DataInputStream(socket.getInputStream());
            int size = in.readInt();
            byte[] response = new byte[size];
            in.readFully(response);
            ByteBuffer body = ByteBuffer.wrap(response);
            assertThat(body.getInt()).as("correlation id").isEqualTo(42);
            assertThat(body.getShort()).as("error code UNSUPPORTED_VERSION").isEqualTo((short) 35);
            assertThat(body.getInt()).as("API count").isPositive();
        }
    }

    @Test
    void shouldAnswerInvalidRecordWhenAProducedBatchIsTruncated() throws IOException {
        RecordBatchBuilder builder = new RecordBatchBuilder(256).reset(0);
        builder.append(1L, null, new byte[] {1, 2, 3});
        ByteBuffer whole = builder.build();
        ByteBuffer truncated = ByteBuffer.allocate(whole.remaining() - 5)
                .put(whole.limit(whole.limit() - 5))
                .flip();
        ProduceRequest request = new ProduceRequest(
                null,
                (short) 1,
                30_000,
                List.of(new ProduceRequest.TopicProduceData(
                        "ok", List.of(new ProduceRequest.PartitionProduceData(0, MemoryRecords.wrap(truncated))))));

        ProduceResponse response;
        try (RawKafkaConnection connection = new RawKafkaConnection(broker.port())) {
            response = connection.send(ApiKey.PRODUCE, request);
        }

        ProduceResponse.PartitionProduceResponse partition =
                response.responses().get(0).partitionResponses().get(0);
        assertThat(partition.errorCode()).as("INVALID_RECORD, as Kafka answers").isEqualTo((short) 87);
        assertThatBrokerStillServes();
    }

    @Test
    void shouldSurviveRandomGarbageWhileServingAWellBehavedClient() throws Exception {
        Random random = new Random(20261125);
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int round = 0; round < 100; round++) {
                try (Socket socket = connect()) {
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    byte[] garbage = new byte[random.nextInt(200)];
                    random.nextBytes(garbage);
                    if (random.nextBoolean()) {
                        out.writeInt(garbage.length);
                    }
                    out.write(garbage);
                    out.flush();
                    socket.shutdownOutput();
                    closedByBroker(socket);
                } catch (IOException reset) {
                    // The broker may reset a connection it closed while we were still writing: that is fine.
                }
                producer.send(new ProducerRecord<>("ok", 0, null, new byte[] {(byte) round}))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        assertThatBrokerStillServes();
    }

    static void assertThatBrokerStillServes() {
        assertThatServes(broker);
    }

    /** Asserts that {@code broker} answers Kafka's Admin client. */
    static void assertThatServes(Broker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        try (Admin admin = Admin.create(config)) {
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
        } catch (Exception e) {
            throw new AssertionError("the broker stopped serving", e);
        }
    }
}
