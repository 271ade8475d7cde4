package io.runnel.broker.integration;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.broker.testkit.BrokerProcess;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker process killed with SIGKILL while a producer is writing loses no acknowledged record: after the restart
 * (which recovers the logs, as no clean-shutdown marker was written) every record acknowledged before the kill is
 * read back at its acknowledged offset with its value, offsets are dense, and a graceful restart after that changes
 * nothing.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class BrokerCrashIT {
    private static final String TOPIC = "acked";
    private static final int PARTITIONS = 3;

    @TempDir
    Path dir;

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenTheBrokerIsKilledMidProduce() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(dir, Map.of("num.io.threads", "2"))) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }

            // (partition, offset) -> index of the record acknowledged there
            Map<TopicPartition, Map<Long, Integer>> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger acks = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService producing = Executors.newSingleThreadExecutor();
            KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
            try {
                Future<?> sends = producing.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        try {
                            send(producer, i, acknowledged, acks);
                        } catch (KafkaException e) {
                            // the broker is gone: sends time out until the test stops this loop
                        }
                    }
                });
                Awaitility.await("20,000 acknowledged records")
                        .atMost(Duration.ofSeconds(120))
                        .until(() -> acks.get() >= 20_000);

                assertThat(broker.kill()).isNotZero();
                stop.set(true);
                sends.get(30, TimeUnit.SECONDS);
            } finally {
                stop.set(true);
                producer.close(Duration.ZERO);
                producing.shutdownNow();
            }
            int acknowledgedCount = acks.get();
            assertThat(broker.logDir().resolve(".kafka_cleanshutdown")).doesNotExist();

            broker.start();
            Map<TopicPartition, Long> endAfterCrash = readAndCheck(broker.bootstrapServers(), acknowledged);
            assertThat(endAfterCrash.values().stream()
                            .mapToLong(Long::longValue)
                            .sum())
                    .isGreaterThanOrEqualTo(acknowledgedCount);

            assertThat(broker.terminate()).isEqualTo(143); // SIGTERM: 128 + 15
            assertThat(broker.logDir().resolve(".kafka_cleanshutdown")).exists();
            broker.start();
            assertThat(readAndCheck(broker.bootstrapServers(), acknowledged)).isEqualTo(endAfterCrash);
        }
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer,
            int index,
            Map<TopicPartition, Map<Long, Integer>> acknowledged,
            AtomicInteger acks) {
        producer.send(new ProducerRecord<>(TOPIC, index % PARTITIONS, key(index), value(index)), (meta, error) -> {
            if (error == null) {
                acknowledged
                        .computeIfAbsent(
                                new TopicPartition(meta.topic(), meta.partition()), tp -> new ConcurrentHashMap<>())
                        .put(meta.offset(), index);
                acks.incrementAndGet();
            }
        });
    }

    /**
     * Reads every partition from the beginning to its end: offsets are dense, each acknowledged offset holds the
     * acknowledged record, and every record read is one the producer wrote.
     *
     * @return the end offset of each partition
     */
    private static Map<TopicPartition, Long> readAndCheck(
            String bootstrap, Map<TopicPartition, Map<Long, Integer>> acknowledged) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Integer> matched = new HashMap<>();
            Map<TopicPartition, Long> next = new HashMap<>();
            Awaitility.await("all records read back")
                    .atMost(Duration.ofSeconds(120))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                            assertThat(record.offset()).isEqualTo(next.getOrDefault(tp, 0L));
                            next.put(tp, record.offset() + 1);
                            int index = ByteBuffer.wrap(record.key()).getInt();
                            assertThat(index % PARTITIONS).isEqualTo(record.partition());
                            assertThat(record.value()).isEqualTo(value(index));
                            Integer acked =
                                    acknowledged.getOrDefault(tp, Map.of()).get(record.offset());
                            if (acked != null) {
                                assertThat(index).isEqualTo(acked);
                                matched.merge(tp, 1, Integer::sum);
                            }
                        }
                        return partitions.stream().allMatch(tp -> next.getOrDefault(tp, 0L) >= endOffsets.get(tp));
                    });
            for (TopicPartition tp : partitions) {
                assertThat(matched.getOrDefault(tp, 0))
                        .as("acknowledged records found in %s", tp)
                        .isEqualTo(acknowledged.getOrDefault(tp, Map.of()).size());
                ends.put(tp, endOffsets.get(tp));
            }
        }
        return ends;
    }

    private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4_000);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(4).putInt(i).array();
    }

    private static byte[] value(int i) {
        byte[] value = new byte[64];
        for (int b = 0; b < value.length; b++) {
            value[b] = (byte) (i * 17 + b);
        }
        return value;
    }
}
