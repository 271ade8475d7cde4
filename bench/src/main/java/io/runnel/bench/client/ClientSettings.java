package io.runnel.bench.client;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings both clients run with, as one map of Kafka key names that Runnel's and Kafka's clients each parse, so
 * the two can only differ where their defaults do. Everything not listed is at the client's default; the defaults
 * that matter are the same on both sides (docs/clients.md): {@code buffer.memory} 32 MiB, {@code
 * max.in.flight.requests.per.connection} 5, {@code fetch.min.bytes} 1, {@code fetch.max.wait.ms} 500, {@code
 * max.partition.fetch.bytes} 1 MiB, {@code fetch.max.bytes} 50 MiB, {@code check.crcs} true.
 */
final class ClientSettings {
    /** Partitions of the benchmark topics. */
    static final int PARTITIONS = 6;
    /** Kafka's and Runnel's default {@code batch.size}, set explicitly. */
    static final int BATCH_SIZE = 16_384;
    /** Kafka 4's and Runnel's default {@code linger.ms}, set explicitly. */
    static final int LINGER_MS = 5;
    /** Kafka's and Runnel's default {@code max.poll.records}, set explicitly. */
    static final int MAX_POLL_RECORDS = 500;

    private ClientSettings() {}

    /**
     * A producer's settings. {@code enable.idempotence} is left at each client's default, which is {@code true} for
     * both, and both turn it off without a word when {@code acks} is not {@code all}: with {@code acks=1} neither
     * producer is idempotent, with {@code acks=all} both are.
     *
     * @param acks {@code 1}, {@code all}, {@code 0}
     * @param compression {@code none}, {@code lz4}, {@code zstd}, {@code snappy}, {@code gzip}
     */
    static Map<String, Object> producer(String bootstrapServers, String clientId, String acks, String compression) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", clientId);
        config.put("acks", acks);
        config.put("batch.size", BATCH_SIZE);
        config.put("linger.ms", LINGER_MS);
        config.put("compression.type", compression);
        return config;
    }

    /** A consumer's settings: no {@code group.id} (the benchmarks {@code assign()}), no auto-commit. */
    static Map<String, Object> consumer(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", clientId);
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.records", MAX_POLL_RECORDS);
        return config;
    }
}
