package io.runnel.broker.metadata;

import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node ZooKeeper server inside the broker's process, for a broker started without {@code zookeeper.connect}:
 * one node then needs nothing else. Data lives under the given directory and survives restarts. Binds to 127.0.0.1.
 *
 * <p>On disk, under the data directory: {@code snapshots/version-2/snapshot.<zxid>} (ZooKeeper's snapshots) and
 * {@code txnlog/version-2/log.<zxid>} (its transaction log). Earlier versions wrote them the other way round (the
 * {@code File, File} constructor of {@link ZooKeeperServer} takes the transaction log directory first, whatever its
 * parameter names say); {@link #start} moves such files to their directories before ZooKeeper reads them, so those
 * data directories stay readable. Each file is moved by one rename; a start interrupted half-way finishes the move
 * the next time.
 *
 * <p>Owns the server and its connection factory (and their threads); {@link #close()} stops both. Thread-safe.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MS = 500;
    private static final int MAX_CLIENT_CONNECTIONS = 1000;
    static final String SNAPSHOT_DIR = "snapshots";
    static final String TXN_LOG_DIR = "txnlog";
    /** The sub-directory ZooKeeper keeps its files in, for its on-disk format version 2. */
    private static final String FORMAT_DIR = "version-2";

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
            Path snapshots = Files.createDirectories(dataDir.resolve(SNAPSHOT_DIR));
            Path txnLogs = Files.createDirectories(dataDir.resolve(TXN_LOG_DIR));
            moveSwappedFiles(snapshots, txnLogs);
            ZooKeeperServer server =
                    new ZooKeeperServer(new FileTxnSnapLog(txnLogs.toFile(), snapshots.toFile()), TICK_MS, "");
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

    /** Moves transaction logs written into the snapshot directory, and snapshots into the log directory, back. */
    private static void moveSwappedFiles(Path snapshots, Path txnLogs) throws IOException {
        moveFiles(snapshots.resolve(FORMAT_DIR), "log.", txnLogs.resolve(FORMAT_DIR));
        moveFiles(txnLogs.resolve(FORMAT_DIR), "snapshot.", snapshots.resolve(FORMAT_DIR));
    }

    private static void moveFiles(Path from, String prefix, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(from, prefix + "*")) {
            for (Path file : files) {
                Files.createDirectories(to);
                Files.move(file, to.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                log.info("Moved ZooKeeper file {} to {}", file, to);
            }
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
