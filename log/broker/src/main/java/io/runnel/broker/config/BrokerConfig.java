package io.runnel.broker.config;

import io.runnel.broker.group.GroupCoordinatorConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogManagerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A broker's configuration, with Kafka's key names: parsed from a properties file plus overrides, every key checked,
 * and split into the typed configs of the broker's parts. Immutable.
 *
 * @param brokerId {@code broker.id}
 * @param listener the address to bind, from {@code listeners}
 * @param advertised the address clients are told, from {@code advertised.listeners} (default: the listener)
 * @param zooKeeperConnect {@code zookeeper.connect}, or null to start an embedded ZooKeeper under the first log dir
 * @param zooKeeperSessionTimeout {@code zookeeper.session.timeout.ms}
 * @param zooKeeperConnectionTimeout {@code zookeeper.connection.timeout.ms}
 * @param socketRequestMaxBytes {@code socket.request.max.bytes}: the largest request frame accepted
 * @param network the listener's bounds on what clients make it hold ({@link NetworkConfig#DEFINITION})
 * @param networkThreads {@code num.network.threads}: Netty event loops
 * @param ioThreads {@code num.io.threads}: threads running requests that touch disk or wait
 * @param autoCreateTopics {@code auto.create.topics.enable}
 * @param defaultPartitions {@code num.partitions} for auto-created topics
 * @param defaultReplicationFactor {@code default.replication.factor} for auto-created topics
 * @param maxPartitionsPerRequest {@code max.partitions.per.request}: the most partitions one CreateTopics request
 *     (all its topics together) or one auto-created topic may have
 * @param logManager the log manager's config, including the default topic config from the broker's {@code log.*} keys
 * @param groups the group coordinator's config ({@code group.*} and {@code offsets.*} keys)
 * @param explicitProperties the properties given explicitly (file and overrides), as strings: what DescribeConfigs
 *     reports with source {@code STATIC_BROKER_CONFIG}; every other key has its default
 */
public record BrokerConfig(
        int brokerId,
        Listener listener,
        Listener advertised,
        @Nullable String zooKeeperConnect,
        Duration zooKeeperSessionTimeout,
        Duration zooKeeperConnectionTimeout,
        int socketRequestMaxBytes,
        NetworkConfig network,
        int networkThreads,
        int ioThreads,
        boolean autoCreateTopics,
        int defaultPartitions,
        int defaultReplicationFactor,
        int maxPartitionsPerRequest,
        LogManagerConfig logManager,
        GroupCoordinatorConfig groups,
        Map<String, String> explicitProperties) {

    public BrokerConfig {
        explicitProperties = Map.copyOf(explicitProperties);
    }

    /**
     * A listener address.
     *
     * @param name the listener name, e.g. {@code PLAINTEXT}
     * @param host the host or address
     * @param port the port; 0 binds any free port
     */
    public record Listener(String name, String host, int port) {
        /**
         * Parses {@code NAME://host:port}.
         *
         * @throws InvalidConfigurationException naming the value if it is malformed
         */
        public static Listener parse(String key, String value) {
            String text = value.trim();
            int scheme = text.indexOf("://");
            int colon = text.lastIndexOf(':');
            if (scheme <= 0 || colon <= scheme + 2) {
                throw new InvalidConfigurationException(
                        "invalid value '" + value + "' for configuration '" + key + "': expected NAME://host:port");
            }
            if (text.contains(",")) {
                throw new InvalidConfigurationException("invalid value '" + value + "' for configuration '" + key
                        + "': one listener is supported for now");
            }
            try {
                int port = Integer.parseInt(text.substring(colon + 1));
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new Listener(text.substring(0, scheme), text.substring(scheme + 3, colon), port);
            } catch (NumberFormatException e) {
                throw new InvalidConfigurationException(
                        "invalid value '" + value + "' for configuration '" + key + "': port must be 0-65535");
            }
        }
    }

    /** The key of {@link #maxPartitionsPerRequest()}. */
    public static final String MAX_PARTITIONS_PER_REQUEST = "max.partitions.per.request";

    /** Broker keys. The {@code log.*} topic defaults are listed in {@link #LOG_DEFAULTS}. */
    public static final ConfigDefinition DEFINITION;

    /** Broker-level {@code log.*} keys and the topic-level keys they set the default of, as in Kafka. */
    public static final Map<String, String> LOG_DEFAULTS = Map.ofEntries(
            Map.entry("log.segment.bytes", LogConfig.SEGMENT_BYTES),
            Map.entry("log.roll.ms", LogConfig.SEGMENT_MS),
            Map.entry("log.index.size.max.bytes", LogConfig.SEGMENT_INDEX_BYTES),
            Map.entry("log.index.interval.bytes", LogConfig.INDEX_INTERVAL_BYTES),
            Map.entry("log.flush.interval.messages", LogConfig.FLUSH_MESSAGES),
            Map.entry("log.flush.interval.ms", LogConfig.FLUSH_MS),
            Map.entry("log.retention.ms", LogConfig.RETENTION_MS),
            Map.entry("log.retention.bytes", LogConfig.RETENTION_BYTES),
            Map.entry("log.cleanup.policy", LogConfig.CLEANUP_POLICY),
            Map.entry("log.cleaner.delete.retention.ms", LogConfig.DELETE_RETENTION_MS),
            Map.entry("log.cleaner.min.cleanable.ratio", LogConfig.MIN_CLEANABLE_DIRTY_RATIO),
            Map.entry("log.cleaner.min.compaction.lag.ms", LogConfig.MIN_COMPACTION_LAG_MS),
            Map.entry("message.max.bytes", LogConfig.MAX_MESSAGE_BYTES),
            Map.entry("log.message.timestamp.type", LogConfig.MESSAGE_TIMESTAMP_TYPE),
            Map.entry("log.message.timestamp.before.max.ms", LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
            Map.entry("log.message.timestamp.after.max.ms", LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS),
            Map.entry("log.segment.delete.delay.ms", LogConfig.FILE_DELETE_DELAY_MS),
            Map.entry("min.insync.replicas", LogConfig.MIN_IN_SYNC_REPLICAS));

    static {
        DEFINITION = ConfigDefinition.builder()
                .define("broker.id", Type.INT, 0, Validator.atLeast(0), "This broker's id, unique in the cluster.")
                .define(
                        "listeners",
                        Type.STRING,
                        "PLAINTEXT://127.0.0.1:9092",
                        (k, v) -> Listener.parse(k, v.toString()),
                        "Where the broker listens: NAME://host:port.")
                .define(
                        "advertised.listeners",
                        Type.STRING,
                        "",
                        (k, v) -> {
                            if (!v.toString().isBlank()) {
                                Listener.parse(k, v.toString());
                            }
                        },
                        "The address given to clients; default: the listener.")
                .define(
                        "zookeeper.connect",
                        Type.STRING,
                        "",
                        Validator.any(),
                        "ZooKeeper connect string; empty starts an embedded ZooKeeper (a single node needs nothing else).")
                .define(
                        "zookeeper.session.timeout.ms",
                        Type.LONG,
                        18_000L,
                        Validator.atLeast(1000),
                        "ZooKeeper session timeout.")
                .define(
                        "zookeeper.connection.timeout.ms",
                        Type.LONG,
                        18_000L,
                        Validator.atLeast(100),
                        "How long to wait for ZooKeeper at startup.")
                .define(
                        "socket.request.max.bytes",
                        Type.INT,
                        100 * 1024 * 1024,
                        Validator.atLeast(1024),
                        "Largest request accepted; a larger one closes the connection.")
                .define("num.network.threads", Type.INT, 3, Validator.atLeast(1), "Network event loop threads.")
                .define("num.io.threads", Type.INT, 8, Validator.atLeast(1), "Request handler threads.")
                .define(
                        "auto.create.topics.enable",
                        Type.BOOLEAN,
                        true,
                        Validator.any(),
                        "Create a topic when a client asks for metadata of a missing one.")
                .define("num.partitions", Type.INT, 1, Validator.atLeast(1), "Partitions of auto-created topics.")
                .define(
                        "default.replication.factor",
                        Type.INT,
                        1,
                        Validator.atLeast(1),
                        "Replication factor of auto-created topics.")
                .define(
                        MAX_PARTITIONS_PER_REQUEST,
                        Type.INT,
                        1000,
                        Validator.atLeast(1),
                        "The most partitions one CreateTopics request (all its topics together) may create; a larger"
                                + " request is refused with POLICY_VIOLATION and creates nothing. Kafka refuses more"
                                + " than 10000 (a fixed limit there). Each partition holds a file open per segment;"
                                + " see the file-handle budget in docs/broker.md.")
                .build();
    }

    /**
     * Parses broker properties: the broker keys above, the listener's bounds ({@link NetworkConfig#DEFINITION}), the
     * log manager's keys ({@link LogManagerConfig#DEFINITION}) and the {@code log.*} topic defaults ({@link
     * #LOG_DEFAULTS}).
     *
     * @throws InvalidConfigurationException naming the first unknown key or bad value
     */
    public static BrokerConfig fromMap(Map<String, ?> properties) {
        Map<String, Object> broker = new HashMap<>();
        Map<String, Object> network = new HashMap<>();
        Map<String, Object> manager = new HashMap<>();
        Map<String, Object> topicDefaults = new HashMap<>();
        Map<String, Object> groups = new HashMap<>();
        Map<String, String> explicit = new HashMap<>();
        for (Map.Entry<String, ?> entry : properties.entrySet()) {
            String key = entry.getKey();
            explicit.put(key, String.valueOf(entry.getValue()));
            if (DEFINITION.keys().containsKey(key)) {
                broker.put(key, entry.getValue());
            } else if (NetworkConfig.DEFINITION.keys().containsKey(key)) {
                network.put(key, entry.getValue());
            } else if (LogManagerConfig.DEFINITION.keys().containsKey(key)) {
                manager.put(key, entry.getValue());
            } else if (GroupCoordinatorConfig.DEFINITION.keys().containsKey(key)) {
                groups.put(key, entry.getValue());
            } else if (LOG_DEFAULTS.containsKey(key)) {
                topicDefaults.put(LOG_DEFAULTS.get(key), entry.getValue());
            } else {
                throw new InvalidConfigurationException(key, "unknown configuration '" + key + "'");
            }
        }
        checkLogDefaults(properties);
        ConfigValues v = DEFINITION.parse(broker);
        Listener listener = Listener.parse("listeners", v.getString("listeners"));
        String advertised = v.getString("advertised.listeners");
        String zk = v.getString("zookeeper.connect");
        if (v.getInt("num.partitions") > v.getInt(MAX_PARTITIONS_PER_REQUEST)) {
            throw new InvalidConfigurationException("num.partitions (" + v.getInt("num.partitions")
                    + ") must not exceed " + MAX_PARTITIONS_PER_REQUEST + " (" + v.getInt(MAX_PARTITIONS_PER_REQUEST)
                    + ")");
        }
        return new BrokerConfig(
                v.getInt("broker.id"),
                listener,
                advertised.isBlank() ? listener : Listener.parse("advertised.listeners", advertised),
                zk.isBlank() ? null : zk,
                Duration.ofMillis(v.getLong("zookeeper.session.timeout.ms")),
                Duration.ofMillis(v.getLong("zookeeper.connection.timeout.ms")),
                v.getInt("socket.request.max.bytes"),
                NetworkConfig.fromMap(network, v.getInt("socket.request.max.bytes")),
                v.getInt("num.network.threads"),
                v.getInt("num.io.threads"),
                v.getBoolean("auto.create.topics.enable"),
                v.getInt("num.partitions"),
                v.getInt("default.replication.factor"),
                v.getInt(MAX_PARTITIONS_PER_REQUEST),
                LogManagerConfig.fromMap(manager, LogConfig.fromMap(topicDefaults)),
                GroupCoordinatorConfig.fromMap(groups),
                explicit);
    }

    /**
     * Checks each broker {@code log.*} value as the topic key it sets the default of, and names the broker key in the
     * error, as the user wrote it ({@code log.retention.ms}, not {@code retention.ms}).
     */
    private static void checkLogDefaults(Map<String, ?> properties) {
        for (Map.Entry<String, String> entry : LOG_DEFAULTS.entrySet()) {
            Object value = properties.get(entry.getKey());
            if (value == null) {
                continue;
            }
            try {
                LogConfig.DEFINITION.parse(Map.of(entry.getValue(), value));
            } catch (InvalidConfigurationException e) {
                String message = String.valueOf(e.getMessage())
                        .replace("configuration '" + entry.getValue() + "'", "configuration '" + entry.getKey() + "'");
                throw new InvalidConfigurationException(entry.getKey(), message);
            }
        }
    }

    /**
     * Reads a properties file, applies {@code overrides} (as {@code --override key=value} does), and parses.
     *
     * @throws InvalidConfigurationException if the file cannot be read (naming it, and the line of a malformed one),
     *     or a key or value is bad (naming the key, and its line in the file)
     */
    public static BrokerConfig load(@Nullable Path file, Map<String, String> overrides) {
        Map<String, Object> merged = new LinkedHashMap<>();
        PropertiesFile read = file == null ? null : PropertiesFile.read(file);
        if (read != null) {
            merged.putAll(read.values());
        }
        merged.putAll(overrides);
        try {
            return fromMap(merged);
        } catch (InvalidConfigurationException e) {
            String key = e.key();
            if (read == null || key == null || overrides.containsKey(key)) {
                throw e;
            }
            throw new InvalidConfigurationException(key, read.locate(key, String.valueOf(e.getMessage())));
        }
    }
}
