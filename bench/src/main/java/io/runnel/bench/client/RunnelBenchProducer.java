package io.runnel.bench.client;

import io.runnel.client.producer.ProducerRecord;
import io.runnel.client.producer.RunnelProducer;
import io.runnel.common.serialization.ByteArraySerializer;
import java.util.Map;
import java.util.concurrent.Future;

/** {@link BenchProducer} over Runnel's {@link RunnelProducer}. */
final class RunnelBenchProducer implements BenchProducer {
    private final RunnelProducer<byte[], byte[]> producer;

    RunnelBenchProducer(Map<String, Object> config) {
        this.producer = new RunnelProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
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
