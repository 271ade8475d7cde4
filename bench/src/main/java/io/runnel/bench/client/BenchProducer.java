package io.runnel.bench.client;

import io.runnel.bench.workload.Impl;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * One producer under test, Runnel's or Kafka's, seen through the few calls the benchmarks make. Each call is one
 * call of the client's public API, with a {@code ProducerRecord} built per record as an application builds it, and
 * no callback. One implementation is loaded per JMH fork, so the interface call is monomorphic.
 *
 * <p>Not thread-safe: the benchmark thread owns it.
 */
interface BenchProducer extends AutoCloseable {

    /**
     * Sends {@code value} with a null key to {@code topic}, partitioned by the client (sticky partitioner).
     *
     * @return the client's future of the record's acknowledgement
     */
    Future<?> send(String topic, byte[] value);

    /** As {@link #send(String, byte[])}, to one partition of {@code topic}. */
    Future<?> send(String topic, int partition, byte[] value);

    /** Sends what is buffered and waits until every record sent so far is acknowledged (or failed). */
    void flush();

    /** Closes the client, waiting for what it has buffered. */
    @Override
    void close();

    /**
     * A producer of byte-array values (and keys) from Kafka-named settings, which both clients read the same way.
     */
    static BenchProducer create(Impl client, Map<String, Object> config) {
        return switch (client) {
            case RUNNEL -> new RunnelBenchProducer(config);
            case KAFKA -> new KafkaBenchProducer(config);
        };
    }
}
