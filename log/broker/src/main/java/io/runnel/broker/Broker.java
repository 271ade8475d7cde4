package io.runnel.broker;

import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.group.CoordinatorRuntime;
import io.runnel.broker.group.GroupApis;
import io.runnel.broker.group.PartitionGroupLog;
import io.runnel.broker.handler.ApiHandlers;
import io.runnel.broker.metadata.BrokerInfo;
import io.runnel.broker.metadata.EmbeddedZooKeeper;
import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.broker.network.BrokerServer;
import io.runnel.broker.network.NetworkStats;
import io.runnel.broker.partition.PartitionManager;
import io.runnel.common.Time;
import io.runnel.common.errors.StorageException;
import io.runnel.records.FileRecords;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogDirectoryLocks;
import io.runnel.storage.LogManager;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Runnel broker: its parts started in order and stopped in reverse.
 *
 * <pre>
 *   log directory locks (.lock in every log.dirs entry, taken before anything writes under them)
 *     → embedded ZooKeeper (only without zookeeper.connect; under the first log dir)
 *       → metadata store (Curator)
 *         → log manager (recovers logs in the locked directories)
 *           → partition manager (follows topic metadata; fetch purgatory)
 *             → group coordinator (its own thread; loads the __consumer_offsets partitions it leads)
 *             → request handlers (num.io.threads)
 *               → network server (listeners, num.network.threads)
 *                 → broker registration in ZooKeeper (clients are told about it last)
 * </pre>
 *
 * <p>{@link #close()} is the graceful shutdown, as on SIGTERM: stop accepting requests and close connections, answer
 * waiting fetches, finish the I/O threads' work, then flush and checkpoint every log so the next start skips recovery.
 */
public final class Broker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private final BrokerServer server;
    private final LogManager logs;
    private final MetadataStore metadata;
    private final @Nullable EmbeddedZooKeeper zooKeeper;
    private boolean closed;

    private Broker(BrokerConfig config, Time time) {
        this.config = config;
        try {
            // Before anything writes under the log directories: a second broker on a live broker's directory must be
            // refused before its embedded ZooKeeper touches the live one's zookeeper/ directory.
            LogDirectoryLocks locks =
                    LogDirectoryLocks.acquire(config.logManager().logDirs());
            parts.push(locks);
            String connect = config.zooKeeperConnect();
            if (connect == null) {
                zooKeeper = EmbeddedZooKeeper.start(
                        config.logManager().logDirs().get(0).resolve("zookeeper"), 0);
                parts.push(zooKeeper);
                connect = zooKeeper.connectString();
            } else {
                zooKeeper = null;
            }
            metadata = MetadataStore.connect(
                    connect, config.zooKeeperSessionTimeout(), config.zooKeeperConnectionTimeout());
            parts.push(metadata);
            // Existing logs open with their topics' configs, read from ZooKeeper, so retention and the cleaner
            // never see a recovered log under the broker defaults.
            LogConfig defaults = config.logManager().defaultLogConfig();
            logs = LogManager.start(
                    config.logManager(),
                    time,
                    FileRecords.ChannelOpener.DEFAULT,
                    tp -> metadata.topic(tp.topic())
                            .map(topic -> PartitionManager.logConfig(defaults, topic))
                            .orElse(defaults),
                    locks);
            parts.push(logs);
            PartitionManager partitions = new PartitionManager(config.brokerId(), logs, time);
            parts.push(partitions);
            metadata.addListener(partitions);
            for (TopicMetadata topic : metadata.topics().values()) {
                partitions.topicChanged(topic);
            }
            ExecutorService io = Executors.newFixedThreadPool(config.ioThreads(), threads("runnel-io-"));
            parts.push(() -> {
                io.shutdown();
                if (!io.awaitTermination(30, TimeUnit.SECONDS)) {
                    io.shutdownNow();
                }
            });
            CoordinatorRuntime coordinator = new CoordinatorRuntime(
                    config.groups(), new PartitionGroupLog(partitions, logs, time), time, config.brokerId());
            parts.push(coordinator);
            GroupApis groups = new GroupApis(config.brokerId(), config.groups(), metadata, partitions, coordinator);
            groups.start();
            ApiHandlers handlers = new ApiHandlers(config, metadata, partitions, groups, io);
            server = listen(config, handlers);
            parts.push(server);
            int advertisedPort = config.advertised().port() == 0
                    ? server.port()
                    : config.advertised().port();
            // With its own embedded ZooKeeper (in a log dir this process holds locked), a registration left by a
            // killed earlier run can only be ours; with a shared ZooKeeper, wait for the old session to expire.
            metadata.registerBroker(
                    new BrokerInfo(config.brokerId(), config.advertised().host(), advertisedPort, null),
                    zooKeeper != null
                            ? MetadataStore.StaleRegistration.TAKE_OVER
                            : MetadataStore.StaleRegistration.WAIT,
                    config.zooKeeperSessionTimeout().plusSeconds(5));
            log.info(
                    "[Broker id={}] Started on {}:{}",
                    config.brokerId(),
                    config.advertised().host(),
                    advertisedPort);
        } catch (RuntimeException e) {
            closeParts();
            throw e;
        }
    }

    private static BrokerServer listen(BrokerConfig config, ApiHandlers handlers) {
        BrokerConfig.Listener listener = config.listener();
        String name = listener.name() + "://" + listener.host() + ":" + listener.port();
        try {
            return BrokerServer.start(
                    listener.host(), listener.port(), config.networkThreads(), config.network(), handlers);
        } catch (Exception e) { // Netty rethrows a failed bind's IOException without declaring it
            if (addressInUse(e)) {
                throw new StorageException(
                        "cannot listen on " + name + " (listeners): port " + listener.port()
                                + " is already in use by another process",
                        e);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("cannot listen on " + name + " (listeners): " + e.getMessage(), e);
        }
    }

    private static boolean addressInUse(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException
                    || String.valueOf(cause.getMessage()).contains("Address already in use")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * Starts a broker.
     *
     * @throws io.runnel.common.errors.RunnelException if a part cannot start; what did start is stopped again
     */
    public static Broker start(BrokerConfig config) {
        return new Broker(config, Time.SYSTEM);
    }

    public BrokerConfig config() {
        return config;
    }

    /** The port the listener is bound to. */
    public int port() {
        return server.port();
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return config.advertised().host() + ":" + port();
    }

    /** What the listener holds for its clients now: queued request bytes, unsent response bytes, paused connections. */
    public NetworkStats networkStats() {
        return server.stats();
    }

    public LogManager logManager() {
        return logs;
    }

    public MetadataStore metadata() {
        return metadata;
    }

    /** The embedded ZooKeeper's connect string, if this broker runs one. */
    public @Nullable String embeddedZooKeeper() {
        return zooKeeper == null ? null : zooKeeper.connectString();
    }

    /** Graceful shutdown. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("[Broker id={}] Shutting down", config.brokerId());
        closeParts();
        log.info("[Broker id={}] Shut down", config.brokerId());
    }

    private void closeParts() {
        while (!parts.isEmpty()) {
            AutoCloseable part = parts.pop();
            try {
                part.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                log.error(
                        "[Broker id={}] Failed to stop {}",
                        config.brokerId(),
                        part.getClass().getSimpleName(),
                        e);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
