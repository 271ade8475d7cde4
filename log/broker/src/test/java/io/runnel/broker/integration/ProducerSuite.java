package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.OffsetSpec;
import io.runnel.client.producer.ProducerConfig;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.common.serialization.StringSerializer;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runnel's own producer against a broker: idempotent sequences and bad input. The suite runs once per broker kind ({@code ProducerOnRunnelIT}, {@code
 * ProducerOnKafkaIT}): the same assertions hold against Runnel's broker and Apache Kafka's.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
abstract class ProducerSuite extends ClusterSuite {
    ProducerSuite(TestCluster.Kind kind) {
        super(kind);
    }

    Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("key.serializer", StringSerializer.class);
        config.put("value.serializer", StringSerializer.class.getName());
        return config;
    }

    void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) 1).configs(configs));
    }

    @Test
    void shouldWriteGaplessSequencesWithOneProducerIdWhenIdempotent() throws Exception {
        String topic = "idempotent";
        createTopic(topic, 1, Map.of());
        Map<String, Object> config = config();
        config.put("batch.size", 512);
        config.put("linger.ms", 0);
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            for (int i = 0; i < 500; i++) {
                sends.add(producer.send(new ProducerRecord<>(topic, 0, "k" + i, "value-" + i)));
            }
            producer.flush();
        }

        for (int i = 0; i < sends.size(); i++) {
            assertThat(sends.get(i).get().offset()).isEqualTo(i);
        }
        List<RecordBatch> batches = batchesOnDisk(topic, 0);
        assertThat(batches).hasSizeGreaterThan(1);
        long producerId = batches.get(0).producerId();
        assertThat(producerId).isGreaterThanOrEqualTo(0);
        int expectedSequence = 0;
        for (RecordBatch batch : batches) {
            assertThat(batch.producerId()).isEqualTo(producerId);
            assertThat(batch.baseSequence()).isEqualTo(expectedSequence);
            assertThat(batch.baseSequence()).isEqualTo((int) batch.baseOffset());
            expectedSequence = batch.lastSequence() + 1;
        }
        assertThat(expectedSequence).isEqualTo(500);
    }

    @Test
    void shouldWriteNoProducerIdWhenIdempotenceIsOff() throws Exception {
        String topic = "not-idempotent";
        createTopic(topic, 1, Map.of());
        Map<String, Object> config = config();
        config.put("enable.idempotence", "false");
        config.put("acks", "1");

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }

        assertThat(batchesOnDisk(topic, 0))
                .allSatisfy(batch -> assertThat(batch.hasProducerId()).isFalse());
    }

    @Test
    void shouldWriteWithoutWaitingForAnAnswerWhenAcksIsZero() throws Exception {
        String topic = "acks-zero";
        createTopic(topic, 1, Map.of());
        Map<String, Object> config = config();
        config.put("acks", "0");
        TopicPartition tp = new TopicPartition(topic, 0);

        RecordMetadata metadata;
        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            metadata = producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }

        assertThat(metadata.hasOffset()).isFalse();
        org.awaitility.Awaitility.await()
                .atMost(30, TimeUnit.SECONDS)
                .until(() -> admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                                .partitionResult(tp)
                                .get()
                                .offset()
                        == 1L);
    }

    @Test
    void shouldFailTheFutureWithRecordTooLargeWhenTheRecordExceedsMaxRequestSize() throws Exception {
        createTopic("too-large-client", 1, Map.of());
        Map<String, Object> config = config();
        config.put("max.request.size", 1000);

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            CompletableFuture<RecordMetadata> send =
                    producer.send(new ProducerRecord<>("too-large-client", "k", "x".repeat(2000)));

            assertThatThrownBy(send::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class)
                    .hasMessageContaining("max.request.size");
        }
    }

    @Test
    void shouldFailWithRecordTooLargeWhenTheBrokerRefusesTheBatch() throws Exception {
        createTopic("too-large-broker", 1, Map.of("max.message.bytes", "1000"));

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config())) {
            CompletableFuture<RecordMetadata> send =
                    producer.send(new ProducerRecord<>("too-large-broker", "k", "x".repeat(5000)));

            assertThatThrownBy(send::get)
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }

    @Test
    void shouldThrowSerializationExceptionWhenTheSerializerFails() throws Exception {
        createTopic("bad-serializer", 1, Map.of());
        Map<String, Object> config = config();
        config.remove("value.serializer");

        try (RunnelProducer<String, String> producer =
                new RunnelProducer<>(config, new StringSerializer(), (topic, data) -> {
                    throw new IllegalStateException("cannot serialize " + data);
                })) {

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("bad-serializer", "k", "v")))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("value");
        }
    }

    @Test
    void shouldFailWithTimeoutWithinMaxBlockWhenTheTopicDoesNotExist() {
        Map<String, Object> config = config();
        config.put("max.block.ms", 500);

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            CompletableFuture<RecordMetadata> send = producer.send(new ProducerRecord<>("no-such-topic", "k", "v"));

            assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("no-such-topic");
        }
    }

    @Test
    void shouldFailWithTimeoutWithinMaxBlockWhenNoBrokerIsUp() {
        Map<String, Object> config = config();
        config.put("bootstrap.servers", "127.0.0.1:1");
        config.put("max.block.ms", 500);

        try (RunnelProducer<String, String> producer = new RunnelProducer<>(config)) {
            CompletableFuture<RecordMetadata> send = producer.send(new ProducerRecord<>("any", "k", "v"));

            assertThatThrownBy(() -> send.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void shouldRefuseToSendWhenClosed() {
        RunnelProducer<String, String> producer = new RunnelProducer<>(config());
        producer.close(Duration.ofSeconds(5));

        assertThatThrownBy(() -> producer.send(new ProducerRecord<>("any", "k", "v")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldNameTheKeyWhenAConfigValueHasTheWrongType() {
        Map<String, Object> config = config();
        config.put("linger.ms", "soon");

        assertThatThrownBy(() -> new RunnelProducer<String, String>(config))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("linger.ms");
        Map<String, Object> noSerializer = config();
        noSerializer.remove("key.serializer");
        assertThatThrownBy(() -> new RunnelProducer<String, String>(noSerializer))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("key.serializer");
        assertThatThrownBy(() -> new RunnelProducer<String, String>(
                        ProducerConfig.builder()
                                .bootstrapServers(cluster.bootstrapServers())
                                .acks("1")
                                .idempotence(true)
                                .build(),
                        new StringSerializer(),
                        new StringSerializer()))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("acks");
    }

    List<RecordBatch> batchesOnDisk(String topic, int partition) throws Exception {
        List<RecordBatch> batches = new ArrayList<>();
        try (Stream<Path> files = Files.list(cluster.partitionDir(topic, partition))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                for (RecordBatch batch : MemoryRecords.wrap(ByteBuffer.wrap(Files.readAllBytes(file)))) {
                    batches.add(batch);
                }
            }
        }
        return batches;
    }
}
