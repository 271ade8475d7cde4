package io.runnel.broker.metadata;

import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node ZooKeeper server inside the broker's process, for a broker started without {@code zookeeper.connect}:
 * one node then needs nothing else. Data lives under the given directory and survives restarts. Binds to 127.0.0.1.
 *
 * <p>Owns the server and its connection factory (and their threads); {@link #close()} stops both. Thread-safe.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MS = 500;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory connections;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory connections) {
        this.server = server;
        this.connections = connections;
    }

    /**
     * Starts a server storing its snapshots and transaction log in {@code dataDir}.
     *
     * @param port the port on 127.0.0.1, or 0 for any free one
     * @throws StorageException if the data directory cannot be used or the port cannot be bound
     */
    public static EmbeddedZooKeeper start(Path dataDir, int port) {
        try {
            Path snapshots = Files.createDirectories(dataDir.resolve("snapshots"));
            Path txnLogs = Files.createDirectories(dataDir.resolve("txnlog"));
            ZooKeeperServer server = new ZooKeeperServer(snapshots.toFile(), txnLogs.toFile(), TICK_MS);
            ServerCnxnFactory connections = ServerCnxnFactory.createFactory();
            connections.configure(new InetSocketAddress("127.0.0.1", port), MAX_CLIENT_CONNECTIONS);
            connections.startup(server);
            EmbeddedZooKeeper started = new EmbeddedZooKeeper(server, connections);
            log.info("Embedded ZooKeeper serving {} from {}", started.connectString(), dataDir);
            return started;
        } catch (IOException e) {
            throw new StorageException("cannot start embedded ZooKeeper in " + dataDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while starting embedded ZooKeeper", e);
        }
    }

    /** {@code 127.0.0.1:<port>}, for {@code zookeeper.connect}. */
    public String connectString() {
        return "127.0.0.1:" + connections.getLocalPort();
    }

    public int port() {
        return connections.getLocalPort();
    }

    /** Stops accepting connections, then the server. Idempotent. */
    @Override
    public void close() {
        connections.shutdown();
        if (server.isRunning()) {
            server.shutdown();
        }
        log.info("Embedded ZooKeeper stopped");
    }
}
