package io.runnel.bench.client;

import io.runnel.bench.workload.Impl;
import java.time.Duration;
import java.util.Map;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One consumer under test, Runnel's or Kafka's, seen through the few calls the benchmarks make: {@code assign()} (no
 * group), {@code seek} and {@code poll}, each one call of the client's public API.
 *
 * <p>Not thread-safe: the benchmark thread owns it.
 */
interface BenchConsumer extends AutoCloseable {

    /** Assigns partitions {@code 0 .. partitions-1} of {@code topic}. */
    void assign(String topic, int partitions);

    /** Sets the next offset of one assigned partition. */
    void seek(String topic, int partition, long offset);

    /**
     * Polls once and hands the key, value and offset of up to {@code max} of the returned records to {@code sink}
     * (records beyond {@code max} are dropped: they are the next invocation's, which seeks anew).
     *
     * @return how many records went to {@code sink}
     */
    int poll(Duration timeout, int max, Blackhole sink);

    @Override
    void close();

    /** A consumer of byte-array keys and values from Kafka-named settings, which both clients read the same way. */
    static BenchConsumer create(Impl client, Map<String, Object> config) {
        return switch (client) {
            case RUNNEL -> new RunnelBenchConsumer(config);
            case KAFKA -> new KafkaBenchConsumer(config);
        };
    }
}
