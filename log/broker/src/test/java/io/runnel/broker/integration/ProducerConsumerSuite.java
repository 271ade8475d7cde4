package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.broker.testkit.TestCluster;
import io.runnel.broker.testkit.Topics;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.RecordsToDelete;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.consumer.NoOffsetForPartitionException;
import io.runnel.client.consumer.OffsetAndTimestamp;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.SerializationException;
import io.runnel.common.errors.WakeupException;
import io.runnel.common.header.Header;
import io.runnel.common.header.RecordHeader;
import io.runnel.common.serialization.ByteArrayDeserializer;
import io.runnel.common.serialization.IntegerDeserializer;
import io.runnel.common.serialization.StringDeserializer;
import io.runnel.common.serialization.StringSerializer;
import io.runnel.records.TimestampType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runnel's own producer and consumer against a broker. The suite runs once per broker kind ({@code ProducerConsumerOnRunnelIT}, {@code
 * ProducerConsumerOnKafkaIT}): the same assertions hold against Runnel's broker and Apache Kafka's.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
abstract class ProducerConsumerSuite extends ClusterSuite {
    private static final int PARTITIONS = 3;

    ProducerConsumerSuite(TestCluster.Kind kind) {
        super(kind);
    }

    void createTopic(String name, int partitions) throws Exception {
        Topics.create(admin, new NewTopic(name, partitions, (short) 1));
    }

    RunnelProducer<String, String> producer(String compression) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("compression.type", compression);
        config.put("linger.ms", 5);
        config.put("batch.size", 32 * 1024);
        return new RunnelProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", 700);
        config.put("key.deserializer", StringDeserializer.class);
        config.put("value.deserializer", StringDeserializer.class);
        return config;
    }

    List<TopicPartition> partitions(String topic, int count) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    List<ConsumerRecord<String, String>> pollUntil(RunnelConsumer<String, String> consumer, int count) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (read.size() < count && System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            assertThat(records.count()).isLessThanOrEqualTo(700);
            records.forEach(read::add);
        }
        return read;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void shouldReadBackEveryRecordWithItsKeyValueHeadersAndTimestamp(String compression) throws Exception {
        String topic = "round-trip-" + compression;
        createTopic(topic, PARTITIONS);
        int count = 5_000;
        long start = 1_700_000_000_000L;
        List<CompletableFuture<RecordMetadata>> sends = new ArrayList<>();

        try (RunnelProducer<String, String> producer = producer(compression)) {
            for (int i = 0; i < count; i++) {
                List<Header> headers =
                        List.of(RecordHeader.ofString("n", Integer.toString(i)), new RecordHeader("empty", null));
                String key = i % 10 == 0 ? null : "key-" + i;
                sends.add(producer.send(new ProducerRecord<>(
                        topic, null, start + i, key, "value-" + i + "-" + "x".repeat(i % 50), headers)));
            }
            producer.flush();
        }
        Map<Integer, Integer> partitionOfIndex = new HashMap<>();
        for (int i = 0; i < count; i++) {
            RecordMetadata metadata = sends.get(i).get();
            partitionOfIndex.put(i, metadata.partition());
            if (i % 10 != 0) {
                byte[] key = ("key-" + i).getBytes(StandardCharsets.UTF_8);
                assertThat(metadata.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS);
            }
        }

        List<ConsumerRecord<String, String>> read;
        try (RunnelConsumer<String, String> consumer = new RunnelConsumer<>(consumerConfig())) {
            consumer.assign(partitions(topic, PARTITIONS));
            read = pollUntil(consumer, count);
        }

        assertThat(read).hasSize(count);
        Map<Integer, Long> lastOffset = new HashMap<>();
        for (ConsumerRecord<String, String> record : read) {
            int i = Integer.parseInt(new String(record.headers().lastHeader("n").value(), StandardCharsets.UTF_8));
            assertThat(record.key()).isEqualTo(i % 10 == 0 ? null : "key-" + i);
            assertThat(record.value()).isEqualTo("value-" + i + "-" + "x".repeat(i % 50));
            assertThat(record.timestamp()).isEqualTo(start + i);
            assertThat(record.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
            assertThat(record.headers().lastHeader("empty").value()).isNull();
            assertThat(record.partition()).isEqualTo(partitionOfIndex.get(i));
            assertThat(record.offset()).isEqualTo(sends.get(i).get().offset());
            Long previous = lastOffset.put(record.partition(), record.offset());
            assertThat(record.offset()).isEqualTo(previous == null ? 0 : previous + 1);
        }
    }

    @Test
    void shouldSeekPauseAndLookUpOffsets() throws Exception {
        String topic = "positions";
        createTopic(topic, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (RunnelProducer<String, String> producer = producer("none")) {
            for (int i = 0; i < 100; i++) {
                producer.send(new ProducerRecord<>(topic, 0, 10_000L + i * 10L, "k" + i, "v" + i));
            }
            producer.flush();
        }

        try (RunnelConsumer<String, String> consumer = new RunnelConsumer<>(consumerConfig())) {
            consumer.assign(List.of(tp));

            assertThat(consumer.beginningOffsets(List.of(tp))).containsEntry(tp, 0L);
            assertThat(consumer.endOffsets(List.of(tp))).containsEntry(tp, 100L);
            Map<TopicPartition, OffsetAndTimestamp> byTime = consumer.offsetsForTimes(Map.of(tp, 10_255L));
            assertThat(byTime.get(tp).offset()).isEqualTo(26);
            assertThat(byTime.get(tp).timestamp()).isEqualTo(10_260L);
            assertThat(consumer.offsetsForTimes(Map.of(tp, 99_999L)).get(tp)).isNull();

            assertThat(consumer.position(tp)).isZero();
            consumer.seek(tp, 42);
            assertThat(pollUntil(consumer, 1).get(0).offset()).isEqualTo(42);

            consumer.seekToEnd(List.of(tp));
            assertThat(consumer.position(tp)).isEqualTo(100);
            consumer.seekToBeginning(List.of(tp));
            assertThat(consumer.position(tp)).isZero();

            consumer.pause(List.of(tp));
            assertThat(consumer.poll(Duration.ofMillis(300)).isEmpty()).isTrue();
            assertThat(consumer.paused()).containsExactly(tp);
            consumer.resume(List.of(tp));
            List<ConsumerRecord<String, String>> all = pollUntil(consumer, 100);
            assertThat(all.get(0).offset()).isZero();
            assertThat(all).hasSize(100);
            assertThat(consumer.position(tp)).isEqualTo(100);
        }
    }

    @Test
    void shouldResetAnOutOfRangePositionByTheResetPolicy() throws Exception {
        String topic = "out-of-range";
        createTopic(topic, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (RunnelProducer<String, String> producer = producer("none")) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k" + i, "v" + i));
            }
            producer.flush();
        }
        admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(10))).all().get();

        try (RunnelConsumer<String, String> consumer = new RunnelConsumer<>(consumerConfig())) {
            consumer.assign(List.of(tp));
            consumer.seek(tp, 2);

            List<ConsumerRecord<String, String>> read = pollUntil(consumer, 10);

            assertThat(read.get(0).offset()).isEqualTo(10);
        }
    }

    @Test
    void shouldFailWithNoOffsetWhenThereIsNoPositionAndNoResetPolicy() throws Exception {
        createTopic("no-reset", 1);
        Map<String, Object> config = consumerConfig();
        config.put("auto.offset.reset", "none");

        try (RunnelConsumer<String, String> consumer = new RunnelConsumer<>(config)) {
            consumer.assign(List.of(new TopicPartition("no-reset", 0)));

            assertThatThrownBy(() -> consumer.poll(Duration.ofMillis(100)))
                    .isInstanceOf(NoOffsetForPartitionException.class)
                    .hasMessageContaining("no-reset-0");
        }
    }

    @Test
    void shouldThrowSerializationExceptionAtTheBadRecordAndLetTheAppSeekPastIt() throws Exception {
        String topic = "bad-bytes";
        createTopic(topic, 1);
        TopicPartition tp = new TopicPartition(topic, 0);
        try (RunnelProducer<String, String> producer = producer("none")) {
            producer.send(new ProducerRecord<>(topic, 0, "k", "four")).get();
            producer.send(new ProducerRecord<>(topic, 0, "k", "three")).get();
            producer.send(new ProducerRecord<>(topic, 0, "k", "1234")).get();
        }
        Map<String, Object> config = consumerConfig();
        config.remove("key.deserializer");
        config.remove("value.deserializer");

        try (RunnelConsumer<byte[], Integer> consumer =
                new RunnelConsumer<>(config, new ByteArrayDeserializer(), new IntegerDeserializer())) {
            consumer.assign(List.of(tp));
            ConsumerRecords<byte[], Integer> first = consumer.poll(Duration.ofSeconds(10));

            assertThat(first.count()).isEqualTo(1);
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining("offset 1");
            assertThat(consumer.position(tp)).isEqualTo(1);
            consumer.seek(tp, 2);
            ConsumerRecords<byte[], Integer> last = consumer.poll(Duration.ofSeconds(10));
            assertThat(last.iterator().next().offset()).isEqualTo(2);
        }
    }

    @Test
    void shouldWakeUpABlockedPollAndRefuseASecondThread() throws Exception {
        createTopic("wakeup", 1);
        try (RunnelConsumer<String, String> consumer = new RunnelConsumer<>(consumerConfig())) {
            consumer.assign(List.of(new TopicPartition("wakeup", 0)));
            CountDownLatch polling = new CountDownLatch(1);
            CompletableFuture<Throwable> blocked = CompletableFuture.supplyAsync(() -> {
                polling.countDown();
                while (true) {
                    try {
                        consumer.poll(Duration.ofSeconds(60));
                        return null;
                    } catch (ConcurrentModificationException e) {
                        // the test thread was inside for a moment; poll again
                    } catch (RuntimeException e) {
                        return e;
                    }
                }
            });
            assertThat(polling.await(10, TimeUnit.SECONDS)).isTrue();
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> assertThatThrownBy(
                            consumer::assignment)
                    .isInstanceOf(ConcurrentModificationException.class));

            consumer.wakeup();

            assertThat(blocked.get(10, TimeUnit.SECONDS)).isInstanceOf(WakeupException.class);
        }
    }
}
