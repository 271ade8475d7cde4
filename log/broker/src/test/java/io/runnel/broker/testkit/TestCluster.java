package io.runnel.broker.testkit;

import java.nio.file.Path;
import java.util.Map;

/**
 * One broker that a test suite runs against, in this JVM: Runnel's or Apache Kafka's. The client suites are written
 * once against this interface and run on both, which is how they show that Runnel's clients speak Kafka's protocol
 * rather than Runnel's dialect of it, and that Runnel's broker answers as Kafka's does.
 *
 * <p>Owned by the test class that started it; {@link #close()} stops the broker and keeps its files in the test's
 * directory.
 */
public interface TestCluster extends AutoCloseable {
    /** Which broker a suite runs against. */
    enum Kind {
        RUNNEL,
        KAFKA;

        /**
         * Starts a broker of this kind with its data under {@code dir}.
         *
         * @param overrides broker configs by Kafka's key names, which both brokers share for what the suites need
         *     ({@code auto.create.topics.enable}, {@code message.max.bytes}, ...)
         * @param advertisedPort the port the broker tells clients to connect to, 0 for its own; a test puts a proxy
         *     there to inject network faults
         */
        public TestCluster start(Path dir, Map<String, String> overrides, int advertisedPort) throws Exception {
            return switch (this) {
                case RUNNEL -> RunnelTestCluster.start(dir, overrides, advertisedPort);
                case KAFKA -> KafkaTestCluster.start(dir, overrides, advertisedPort);
            };
        }
    }

    Kind kind();

    /** {@code host:port} of the broker itself (not of a proxy in front of it). */
    String bootstrapServers();

    /** The port the broker listens on now; it can change across {@link #restart()}. */
    int port();

    /** The directory holding the segments of one partition, in the layout both brokers share. */
    Path partitionDir(String topic, int partition);

    /** Stops the broker gracefully and starts it again on the same data. */
    void restart() throws Exception;

    @Override
    void close();
}
