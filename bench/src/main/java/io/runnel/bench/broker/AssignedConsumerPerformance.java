package io.runnel.bench.broker;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Consumer throughput without a consumer group: Kafka's {@link KafkaConsumer} {@code assign()}s every partition of a
 * topic, seeks to the beginning and reads {@code --num-records} records, then prints the same two lines as Kafka's
 * {@code ConsumerPerformance} (see {@link ConsumerPerfResult}; {@code rebalance.time.ms} is 0). It exists because
 * {@code ConsumerPerformance} always {@code subscribe()}s, which needs the group coordinator APIs, and the comparison
 * must measure both brokers' fetch paths the same way. The consumer settings are {@code ConsumerPerformance}'s: 1 MiB
 * {@code max.partition.fetch.bytes}, a 2 MiB socket receive buffer, byte-array deserializers, other keys at their
 * defaults.
 *
 * <pre>
 * java -cp $CP io.runnel.bench.broker.AssignedConsumerPerformance --bootstrap-server 127.0.0.1:9092 \
 *     --topic perf --num-records 2000000 [--timeout 10000] [--passes 3]
 * </pre>
 *
 * With {@code --passes N} the same consumer reads the data N times (seeking back to the beginning), prints each pass
 * on stderr and reports the best pass: the later passes run with a warm JIT, so they measure the broker rather than
 * the consumer's start. Exits with status 1 (after printing what it got) if no record arrives for {@code --timeout}
 * ms.
 */
public final class AssignedConsumerPerformance {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss:SSS");
    private static final double MIB = 1024.0 * 1024.0;

    private AssignedConsumerPerformance() {}

    public static void main(String[] args) {
        Map<String, String> options = BrokerComparison.Options.pairs(args);
        String bootstrap = options.getOrDefault("--bootstrap-server", "127.0.0.1:9092");
        String topic = options.getOrDefault("--topic", "perf");
        long wanted = Long.parseLong(options.getOrDefault("--num-records", "1000000"));
        Duration timeout = Duration.ofMillis(Long.parseLong(options.getOrDefault("--timeout", "10000")));
        int passes = Integer.parseInt(options.getOrDefault("--passes", "1"));
        if (passes < 1) {
            throw new IllegalArgumentException("--passes must be >= 1: " + passes);
        }

        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
        config.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 2 * 1024 * 1024);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());

        ConsumerPerfResult best = null;
        String bestLine = "";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            for (int pass = 1; pass <= passes; pass++) {
                consumer.seekToBeginning(partitions);
                Pass result = readOnce(consumer, wanted, timeout);
                System.err.printf(
                        "pass %d of %d: %d records in %d ms, %.1f records/s%n",
                        pass,
                        passes,
                        result.records(),
                        result.millis(),
                        result.perf().recordsPerSecond());
                if (result.records() < wanted) {
                    System.out.println(ConsumerPerfResult.HEADER);
                    System.out.println(result.line());
                    System.out.printf(
                            "WARNING: consumed %d of %d records: none arrived for %d ms%n",
                            result.records(), wanted, timeout.toMillis());
                    System.exit(1);
                }
                if (best == null || result.perf().recordsPerSecond() > best.recordsPerSecond()) {
                    best = result.perf();
                    bestLine = result.line();
                }
            }
        }
        System.out.println(ConsumerPerfResult.HEADER);
        System.out.println(bestLine);
    }

    /** One read of the data: what it got, how long it took, and the line {@code ConsumerPerformance} would print. */
    private record Pass(long records, long millis, ConsumerPerfResult perf, String line) {}

    private static Pass readOnce(KafkaConsumer<byte[], byte[]> consumer, long wanted, Duration timeout) {
        long records = 0;
        long bytes = 0;
        Instant start = Instant.now();
        Instant lastRecord = start;
        while (records < wanted && Duration.between(lastRecord, Instant.now()).compareTo(timeout) < 0) {
            ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
            if (!batch.isEmpty()) {
                lastRecord = Instant.now();
            }
            for (ConsumerRecord<byte[], byte[]> record : batch) {
                records++;
                bytes += (record.key() == null ? 0 : record.key().length)
                        + (record.value() == null ? 0 : record.value().length);
            }
        }
        Instant end = records < wanted ? lastRecord : Instant.now();
        double seconds = Math.max(1e-3, Duration.between(start, end).toNanos() / 1e9);
        double mib = bytes / MIB;
        ConsumerPerfResult result = new ConsumerPerfResult(
                records, mib, mib / seconds, records / seconds, 0, mib / seconds, records / seconds);
        long millis = Duration.between(start, end).toMillis();
        return new Pass(records, millis, result, result.toValueLine(format(start), format(end), millis));
    }

    private static String format(Instant instant) {
        return TIME.format(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
    }
}
