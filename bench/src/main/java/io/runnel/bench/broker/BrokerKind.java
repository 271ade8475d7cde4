package io.runnel.bench.broker;

/** The two brokers compared, here and by the client benchmarks ({@code io.runnel.bench.client}). */
public enum BrokerKind {
    /** Apache Kafka 4.4's {@code kafka.Kafka}, KRaft, one node acting as broker and controller. */
    KAFKA("Apache Kafka 4.4"),
    /** Runnel's {@code io.runnel.broker.BrokerMain}, with its embedded ZooKeeper. */
    RUNNEL("Runnel");

    private final String title;

    BrokerKind(String title) {
        this.title = title;
    }

    /** The name used in reports. */
    public String title() {
        return title;
    }
}
