package io.runnel.bench.client;

import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** {@link BenchProducer} over Apache Kafka's {@link KafkaProducer} (kafka-clients 4.4.0). */
final class KafkaBenchProducer implements BenchProducer {
    private final KafkaProducer<byte[], byte[]> producer;

    KafkaBenchProducer(Map<String, Object> config) {
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public Future<?> send(String topic, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, null, value));
    }

    @Override
    public Future<?> send(String topic, int partition, byte[] value) {
        return producer.send(new ProducerRecord<>(topic, partition, null, value));
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
