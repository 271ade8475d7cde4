package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.FaultInjectingProxy;
import io.runnel.broker.testkit.FaultInjectingProxy.AfterDrop;
import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.TopicPartition;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.common.serialization.StringSerializer;
import io.runnel.protocol.ApiKey;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runnel's idempotent producer when the network loses produce responses after the broker has written the batch: the
 * connection drops, or stalls until the request times out, or the broker restarts in between. The producer retries
 * every such batch; the broker must recognise each retry as a duplicate and answer with the original offsets. The
 * suite checks the log afterwards: every record exactly once, in send order, at the offset its future reported.
 *
 * <p>Clients reach the broker through a {@link FaultInjectingProxy} that the broker advertises. The suite runs once
 * per broker kind ({@code IdempotenceOnRunnelIT}, {@code IdempotenceOnKafkaIT}).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class IdempotenceSuite extends ClusterSuite {
    private static final int PRODUCE = ApiKey.PRODUCE.id();

    // The broker the proxy forwards to: set once it has started (the proxy starts first, as the broker advertises it).
    private final AtomicReference<TestCluster> target = new AtomicReference<>();
    FaultInjectingProxy proxy;

    IdempotenceSuite(TestCluster.Kind kind) {
        super(kind);
    }

    @Override
    int advertisedPort() throws IOException {
        proxy = FaultInjectingProxy.start(() -> {
            TestCluster started = target.get();
            return started == null ? 0 : started.port();
        });
        return proxy.port();
    }

    @Override
    String bootstrapServers() {
        return proxy.bootstrapServers();
    }

    /** Runs after {@link ClusterSuite#startCluster}, which started the broker. */
    @BeforeAll
    void pointTheProxyAtTheBroker() {
        target.set(cluster);
    }

    @AfterEach
    void heal() {
        proxy.heal();
    }

    /** Runs before {@link ClusterSuite#stopCluster}. */
    @AfterAll
    void stopProxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void shouldWriteEveryRecordOnceWhenResponsesAreLostAndConnectionsDrop() throws Exception {
        String topic = "lost-responses";
        createTopic(topic, 3);
        proxy.dropEveryNthResponse(PRODUCE, 4);

        List<Sent> sent;
        try (RunnelProducer<String, String> producer = producer(Map.of())) {
            sent = send(producer, topic, 0, 3_000);
            producer.flush();
        }
        proxy.heal();

        assertThat(proxy.droppedResponses()).isGreaterThan(10);
        assertWrittenOnceInOrder(topic, 3, sent);
    }

    @Test
    void shouldWriteARecordOnceWhenItsResponseNeverComesAndTheRequestTimesOut() throws Exception {
        String topic = "stalled-response";
        createTopic(topic, 1);
        int droppedBefore = proxy.droppedResponses();

        List<Sent> sent = new ArrayList<>();
        try (RunnelProducer<String, String> producer =
                producer(Map.of("request.timeout.ms", 2_000, "delivery.timeout.ms", 60_000))) {
            sent.addAll(send(producer, topic, 0, 100));
            producer.flush();
            proxy.dropResponses(PRODUCE, 1, AfterDrop.STALL);
            sent.addAll(send(producer, topic, 100, 100));
            producer.flush();
        }

        assertThat(proxy.droppedResponses()).isEqualTo(droppedBefore + 1);
        assertWrittenOnceInOrder(topic, 1, sent);
    }

    @Test
    void shouldWriteARecordOnceWhenTheBrokerRestartsBetweenWriteAndRetry() throws Exception {
        String topic = "restart-between";
        createTopic(topic, 1);
        int droppedBefore = proxy.droppedResponses();

        List<Sent> sent = new ArrayList<>();
        try (RunnelProducer<String, String> producer = producer(Map.of("delivery.timeout.ms", 120_000))) {
            sent.addAll(send(producer, topic, 0, 100));
            producer.flush();
            // The broker writes the next batch, the answer is lost, and the broker restarts before the retry.
            proxy.dropResponses(PRODUCE, 1, AfterDrop.STALL);
            sent.addAll(send(producer, topic, 100, 1));
            Awaitility.await("a produce response swallowed")
                    .atMost(30, TimeUnit.SECONDS)
                    .until(() -> proxy.droppedResponses() == droppedBefore + 1);
            cluster.restart();
            sent.addAll(send(producer, topic, 101, 100));
            producer.flush();
        }

        assertWrittenOnceInOrder(topic, 1, sent);
    }

    /** A record handed to the producer, and what its future said. */
    record Sent(String value, CompletableFuture<RecordMetadata> future) {}

    private void createTopic(String name, int partitions) throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) 1));
    }

    private RunnelProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        // Small batches, so that thousands of records make hundreds of produce requests to lose answers of.
        config.put("batch.size", 512);
        config.put("linger.ms", 0);
        config.put("retry.backoff.ms", 20);
        config.put("reconnect.backoff.ms", 20);
        config.putAll(overrides);
        return new RunnelProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static List<Sent> send(RunnelProducer<String, String> producer, String topic, int from, int count) {
        List<Sent> sent = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            String value = "record-" + i;
            sent.add(new Sent(value, producer.send(new ProducerRecord<>(topic, "key-" + i, value))));
        }
        return sent;
    }

    /**
     * Every acknowledged record is in the log exactly once, at the offset its future reported; per partition the
     * log holds the records in the order they were sent, with no other record and no gap.
     */
    private void assertWrittenOnceInOrder(String topic, int partitions, List<Sent> sent) throws Exception {
        Map<TopicPartition, List<String>> expected = new HashMap<>();
        Map<String, RecordMetadata> acknowledged = new HashMap<>();
        for (Sent record : sent) {
            RecordMetadata metadata = record.future().get(30, TimeUnit.SECONDS);
            acknowledged.put(record.value(), metadata);
            expected.computeIfAbsent(new TopicPartition(topic, metadata.partition()), tp -> new ArrayList<>())
                    .add(record.value());
        }
        for (int p = 0; p < partitions; p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            List<String> want = expected.getOrDefault(tp, List.of());
            List<ConsumerRecord<String, String>> log = readAll(tp);
            assertThat(log)
                    .extracting(ConsumerRecord::value)
                    .as("log of %s", tp)
                    .containsExactlyElementsOf(want);
            for (int i = 0; i < log.size(); i++) {
                ConsumerRecord<String, String> record = log.get(i);
                assertThat(record.offset()).as("offset of %s", record.value()).isEqualTo(i);
                assertThat(acknowledged.get(record.value()).offset())
                        .as("acknowledged offset of %s", record.value())
                        .isEqualTo(record.offset());
            }
        }
    }

    private List<ConsumerRecord<String, String>> readAll(TopicPartition tp) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        try (RunnelConsumer<String, String> consumer =
                new RunnelConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(tp));
            consumer.seekToBeginning(List.of(tp));
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            Awaitility.await("all of " + tp + " read")
                    .atMost(60, TimeUnit.SECONDS)
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).records(tp).forEach(read::add);
                        return consumer.position(tp) >= end;
                    });
            return read;
        }
    }
}
