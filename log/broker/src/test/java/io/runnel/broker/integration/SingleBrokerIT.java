package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One Runnel broker driven by Apache Kafka's own producer, consumer and admin client: 1,000,000 records over 6
 * partitions per compression type, each read back in order and checked field by field.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SingleBrokerIT {
    private static final int PARTITIONS = 6;

    @TempDir
    static Path dir;

    static Broker broker;

    @BeforeAll
    static void startBroker() {
        broker = Broker.start(BrokerConfig.fromMap(Map.of(
                "listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dir.resolve("logs").toString(),
                "num.io.threads", "2",
                "num.network.threads", "2")));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    static Map<String, Object> common() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    static Admin admin() {
        Map<String, Object> config = common();
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return Admin.create(config);
    }

    static KafkaProducer<byte[], byte[]> producer(String compression) {
        Map<String, Object> config = common();
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    static KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = common();
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    static void createTopic(String name) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void shouldReadBackEveryRecordInOrderWhenKafkaClientsProduceAndConsume(String compression) throws Exception {
        String topic = "events-" + compression;
        createTopic(topic);
        int count = 1_000_000;
        long start = System.currentTimeMillis();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();

        try (KafkaProducer<byte[], byte[]> producer = producer(compression)) {
            for (int i = 0; i < count; i++) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(
                        topic,
                        i % PARTITIONS,
                        start + i,
                        key(i),
                        value(i),
                        List.of(new RecordHeader("n", Integer.toString(i).getBytes(StandardCharsets.UTF_8))));
                long expectedOffset = i / PARTITIONS;
                producer.send(record, (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else if (metadata.offset() == expectedOffset) {
                        acknowledged.incrementAndGet();
                    } else {
                        failure.compareAndSet(
                                null,
                                new IllegalStateException("record " + expectedOffset * PARTITIONS
                                        + " acknowledged at offset " + metadata.offset()));
                    }
                });
            }
            producer.flush();
        }
        assertThat(failure.get()).isNull();
        assertThat(acknowledged.get()).isEqualTo(count);

        Map<Integer, Integer> nextPerPartition = new HashMap<>();
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (read < count && System.nanoTime() < deadline) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    int p = record.partition();
                    int expectedIndex = nextPerPartition.getOrDefault(p, p);
                    checkRecord(record, expectedIndex, start);
                    nextPerPartition.put(p, expectedIndex + PARTITIONS);
                    read++;
                }
            }
            assertThat(read).isEqualTo(count);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            assertThat(ends.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(count);
            Map<TopicPartition, OffsetAndTimestamp> byTime =
                    consumer.offsetsForTimes(Map.of(new TopicPartition(topic, 0), start + 600));
            assertThat(byTime.get(new TopicPartition(topic, 0)).offset()).isEqualTo(100);
        }
    }

    @Test
    void shouldCreateDescribeAndDeleteTopicsThroughKafkasAdmin() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("admin-topic", 2, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);

            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("admin-topic");
            assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS))
                    .hasSize(1);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("admin-topic", 2, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicExistsException.class);

            admin.deleteTopics(List.of("admin-topic")).all().get(30, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics()
                    .names()
                    .get(30, TimeUnit.SECONDS)
                    .contains("admin-topic"));
        }
    }

    @Test
    void shouldMoveTheLogStartWhenRecordsAreDeleted() throws Exception {
        createTopic("trim");
        try (KafkaProducer<byte[], byte[]> producer = producer("none")) {
            for (int i = 0; i < 50; i++) {
                producer.send(new ProducerRecord<>("trim", 0, key(i), value(i))).get();
            }
        }
        try (Admin admin = admin();
                KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            TopicPartition tp = new TopicPartition("trim", 0);
            long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(20)))
                    .lowWatermarks()
                    .get(tp)
                    .get(30, TimeUnit.SECONDS)
                    .lowWatermark();

            assertThat(low).isEqualTo(20);
            assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 20L);
        }
    }

    /** Fails unless {@code record} is the one produced as number {@code index}; cheap enough for millions. */
    private static void checkRecord(ConsumerRecord<byte[], byte[]> record, int index, long start) {
        boolean same = Arrays.equals(record.key(), key(index))
                && Arrays.equals(record.value(), value(index))
                && record.timestamp() == start + index
                && record.offset() == index / PARTITIONS
                && record.headers().toArray().length == 1
                && Arrays.equals(
                        record.headers().lastHeader("n").value(),
                        Integer.toString(index).getBytes(StandardCharsets.UTF_8));
        if (!same) {
            fail(
                    "record %d of partition %d at offset %d (timestamp %d) is not the record produced as number %d",
                    record.offset(), record.partition(), record.offset(), record.timestamp(), index);
        }
    }

    static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] value(int i) {
        byte[] value = new byte[100];
        for (int b = 0; b < value.length; b++) {
            value[b] = (byte) (i * 31 + b);
        }
        return value;
    }
}
