package io.runnel.runtime;

import io.runnel.broker.Broker;
import io.runnel.broker.config.BrokerConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Runnel broker in this process, for an application started without {@code bootstrap.servers}: it
 * listens on a free loopback port, keeps its logs (and its embedded ZooKeeper's data) in {@code dir}, so that topics,
 * changelogs and committed offsets survive a restart of the application, and uses a few threads (one network, two
 * I/O, eight {@code __consumer_offsets} partitions).
 *
 * <p>{@code RunnelStreams} starts one itself when it has no {@code bootstrap.servers}. An application that must write
 * its input before the topology starts (an example that produces a file's lines, a test) starts one here and gives
 * {@link #bootstrapServers()} to its clients and to {@code RunnelStreams}. Owned by whoever started it: {@link
 * #close()} shuts it down gracefully.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Broker broker;

    private EmbeddedBroker(Broker broker) {
        this.broker = broker;
    }

    /**
     * Starts the broker.
     *
     * @param overrides broker settings that replace the defaults above (for example {@code listeners})
     * @throws io.runnel.common.errors.RunnelException if it cannot start
     */
    public static EmbeddedBroker start(Path dir, Map<String, String> overrides) {
        Map<String, String> config = new TreeMap<>();
        config.put("listeners", "PLAINTEXT://127.0.0.1:0");
        config.put("log.dirs", dir.resolve("logs").toAbsolutePath().toString());
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "1");
        config.put("offsets.topic.num.partitions", "8");
        config.putAll(overrides);
        Broker broker = Broker.start(BrokerConfig.fromMap(config));
        log.info("Started an embedded broker on {} with its data in {}", broker.bootstrapServers(), dir);
        return new EmbeddedBroker(broker);
    }

    /** {@code host:port} of the broker's listener. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.close();
    }
}
