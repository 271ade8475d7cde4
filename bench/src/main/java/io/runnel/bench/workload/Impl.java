package io.runnel.bench.workload;

/** Whose code a benchmark runs: the {@code impl} parameter of every comparison. */
public enum Impl {
    /** Runnel's own implementation. */
    RUNNEL,
    /** Apache Kafka's implementation, from the pinned kafka-clients / kafka-storage jars. */
    KAFKA
}
