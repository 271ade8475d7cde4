package io.runnel.bench.client;

import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.consumer.RunnelConsumer;
import io.runnel.common.TopicPartition;
import io.runnel.common.serialization.ByteArrayDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/** {@link BenchConsumer} over Runnel's {@link RunnelConsumer}. */
final class RunnelBenchConsumer implements BenchConsumer {
    private final RunnelConsumer<byte[], byte[]> consumer;

    RunnelBenchConsumer(Map<String, Object> config) {
        this.consumer = new RunnelConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
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
