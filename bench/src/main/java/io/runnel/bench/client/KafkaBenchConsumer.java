package io.runnel.bench.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openjdk.jmh.infra.Blackhole;

/** {@link BenchConsumer} over Apache Kafka's {@link KafkaConsumer} (kafka-clients 4.4.0). */
final class KafkaBenchConsumer implements BenchConsumer {
    private final KafkaConsumer<byte[], byte[]> consumer;

    KafkaBenchConsumer(Map<String, Object> config) {
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void assign(String topic, int partitions) {
        List<TopicPartition> assignment = new ArrayList<>(partitions);
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        consumer.assign(assignment);
    }

    @Override
    public void seek(String topic, int partition, long offset) {
        consumer.seek(new TopicPartition(topic, partition), offset);
    }

    @Override
    public int poll(Duration timeout, int max, Blackhole sink) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(timeout);
        int taken = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (taken == max) {
                break;
            }
            sink.consume(record.key());
            sink.consume(record.value());
            sink.consume(record.offset());
            taken++;
        }
        return taken;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
