package io.runnel.client.consumer;

import io.runnel.client.CommonClientConfigs;
import io.runnel.client.consumer.internal.Assignors;
import io.runnel.client.internal.ClientConfigParser;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The consumer's configuration, typed and immutable. Built from Kafka-named keys ({@link #fromProperties}, {@link
 * #fromMap}) or with {@link #builder()}; {@link #DEFINITION} is the table of keys.
 */
public final class ConsumerConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String GROUP_ID_CONFIG = "group.id";
    public static final String FETCH_MIN_BYTES_CONFIG = "fetch.min.bytes";
    public static final String FETCH_MAX_WAIT_MS_CONFIG = "fetch.max.wait.ms";
    public static final String MAX_PARTITION_FETCH_BYTES_CONFIG = "max.partition.fetch.bytes";
    public static final String FETCH_MAX_BYTES_CONFIG = "fetch.max.bytes";
    public static final String MAX_POLL_RECORDS_CONFIG = "max.poll.records";
    public static final String AUTO_OFFSET_RESET_CONFIG = "auto.offset.reset";
    public static final String CHECK_CRCS_CONFIG = "check.crcs";
    public static final String ISOLATION_LEVEL_CONFIG = "isolation.level";
    public static final String ALLOW_AUTO_CREATE_TOPICS_CONFIG = "allow.auto.create.topics";
    public static final String KEY_DESERIALIZER_CLASS_CONFIG = "key.deserializer";
    public static final String VALUE_DESERIALIZER_CLASS_CONFIG = "value.deserializer";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String GROUP_INSTANCE_ID_CONFIG = "group.instance.id";
    public static final String GROUP_PROTOCOL_CONFIG = "group.protocol";
    public static final String SESSION_TIMEOUT_MS_CONFIG = "session.timeout.ms";
    public static final String HEARTBEAT_INTERVAL_MS_CONFIG = "heartbeat.interval.ms";
    public static final String MAX_POLL_INTERVAL_MS_CONFIG = "max.poll.interval.ms";
    public static final String ENABLE_AUTO_COMMIT_CONFIG = "enable.auto.commit";
    public static final String AUTO_COMMIT_INTERVAL_MS_CONFIG = "auto.commit.interval.ms";
    public static final String PARTITION_ASSIGNMENT_STRATEGY_CONFIG = "partition.assignment.strategy";
    /** Kafka's internal key (used by Kafka Streams): whether a dynamic member leaves its group on close. */
    public static final String LEAVE_GROUP_ON_CLOSE_CONFIG = "internal.leave.group.on.close";

    /** Every key the consumer reads. */
    public static final ConfigDefinition DEFINITION = definition();

    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    /** What to do when a partition has no valid position. */
    public enum OffsetReset {
        /** The log start offset. */
        EARLIEST,
        /** The log end offset. */
        LATEST,
        /** Fail: {@link NoOffsetForPartitionException} or {@code OffsetOutOfRangeException}. */
        NONE
    }

    private final NetworkConfig network;
    private final int fetchMinBytes;
    private final Duration fetchMaxWait;
    private final int maxPartitionFetchBytes;
    private final int fetchMaxBytes;
    private final int maxPollRecords;
    private final OffsetReset autoOffsetReset;
    private final boolean checkCrcs;
    private final boolean readCommitted;
    private final boolean allowAutoCreateTopics;
    private final Duration defaultApiTimeout;
    private final @Nullable String keyDeserializer;
    private final @Nullable String valueDeserializer;
    private final @Nullable String groupId;
    private final Optional<String> groupInstanceId;
    private final Duration sessionTimeout;
    private final Duration heartbeatInterval;
    private final Duration maxPollInterval;
    private final boolean enableAutoCommit;
    private final Duration autoCommitInterval;
    private final List<String> partitionAssignmentStrategies;
    private final boolean leaveGroupOnClose;
    private final Map<String, Object> originals;

    private ConsumerConfig(ConfigValues values, Map<String, ?> originals) {
        this.originals = new LinkedHashMap<>(originals);
        this.network = NetworkConfig.from(values, "consumer-" + CLIENT_IDS.incrementAndGet());
        this.fetchMinBytes = values.getInt(FETCH_MIN_BYTES_CONFIG);
        this.fetchMaxWait = Duration.ofMillis(values.getInt(FETCH_MAX_WAIT_MS_CONFIG));
        this.maxPartitionFetchBytes = values.getInt(MAX_PARTITION_FETCH_BYTES_CONFIG);
        this.fetchMaxBytes = values.getInt(FETCH_MAX_BYTES_CONFIG);
        this.maxPollRecords = values.getInt(MAX_POLL_RECORDS_CONFIG);
        this.autoOffsetReset =
                OffsetReset.valueOf(values.getString(AUTO_OFFSET_RESET_CONFIG).toUpperCase(Locale.ROOT));
        this.checkCrcs = values.getBoolean(CHECK_CRCS_CONFIG);
        this.readCommitted = values.getString(ISOLATION_LEVEL_CONFIG).equalsIgnoreCase("read_committed");
        this.allowAutoCreateTopics = values.getBoolean(ALLOW_AUTO_CREATE_TOPICS_CONFIG);
        this.defaultApiTimeout = Duration.ofMillis(values.getInt(DEFAULT_API_TIMEOUT_MS_CONFIG));
        this.keyDeserializer = emptyToNull(values.getString(KEY_DESERIALIZER_CLASS_CONFIG));
        this.valueDeserializer = emptyToNull(values.getString(VALUE_DESERIALIZER_CLASS_CONFIG));
        if (network.requestTimeout().compareTo(fetchMaxWait) <= 0) {
            throw new InvalidConfigurationException(
                    "request.timeout.ms (" + network.requestTimeout().toMillis()
                            + ") must be larger than fetch.max.wait.ms (" + fetchMaxWait.toMillis() + ")");
        }
        this.groupId = emptyToNull(values.getString(GROUP_ID_CONFIG));
        this.groupInstanceId = Optional.ofNullable(emptyToNull(values.getString(GROUP_INSTANCE_ID_CONFIG)));
        groupInstanceId.ifPresent(ConsumerConfig::validateGroupInstanceId);
        this.sessionTimeout = Duration.ofMillis(values.getInt(SESSION_TIMEOUT_MS_CONFIG));
        this.heartbeatInterval = Duration.ofMillis(values.getInt(HEARTBEAT_INTERVAL_MS_CONFIG));
        this.maxPollInterval = Duration.ofMillis(values.getInt(MAX_POLL_INTERVAL_MS_CONFIG));
        this.autoCommitInterval = Duration.ofMillis(values.getInt(AUTO_COMMIT_INTERVAL_MS_CONFIG));
        this.leaveGroupOnClose = values.getBoolean(LEAVE_GROUP_ON_CLOSE_CONFIG);
        this.partitionAssignmentStrategies = List.copyOf(values.getList(PARTITION_ASSIGNMENT_STRATEGY_CONFIG));
        if (partitionAssignmentStrategies.isEmpty()) {
            throw new InvalidConfigurationException(
                    PARTITION_ASSIGNMENT_STRATEGY_CONFIG + " must name at least one assignor");
        }
        Assignors.create(partitionAssignmentStrategies);
        String protocol = values.getString(GROUP_PROTOCOL_CONFIG).toLowerCase(Locale.ROOT);
        if (protocol.equals("consumer")) {
            throw new InvalidConfigurationException("group.protocol=consumer (KIP-848) is not supported by Runnel's"
                    + " consumer: use group.protocol=classic (the default)");
        }
        if (!protocol.equals("classic")) {
            throw new InvalidConfigurationException(
                    "invalid value '" + protocol + "' for configuration '" + GROUP_PROTOCOL_CONFIG + "': classic");
        }
        if (heartbeatInterval.compareTo(sessionTimeout) >= 0) {
            throw new InvalidConfigurationException(HEARTBEAT_INTERVAL_MS_CONFIG + " (" + heartbeatInterval.toMillis()
                    + ") must be lower than " + SESSION_TIMEOUT_MS_CONFIG + " (" + sessionTimeout.toMillis() + ")");
        }
        boolean autoCommit = values.getBoolean(ENABLE_AUTO_COMMIT_CONFIG);
        if (groupId == null && autoCommit && originals.containsKey(ENABLE_AUTO_COMMIT_CONFIG)) {
            throw new InvalidConfigurationException(
                    ENABLE_AUTO_COMMIT_CONFIG + " cannot be set to true when no " + GROUP_ID_CONFIG + " is set");
        }
        this.enableAutoCommit = groupId != null && autoCommit;
    }

    /** Kafka's rule for {@code group.instance.id}: at most 249 characters of {@code [a-zA-Z0-9._-]}. */
    private static void validateGroupInstanceId(String id) {
        if (id.length() > 249 || !id.matches("[a-zA-Z0-9._-]+")) {
            throw new InvalidConfigurationException("invalid value '" + id + "' for configuration '"
                    + GROUP_INSTANCE_ID_CONFIG + "': at most 249 characters of [a-zA-Z0-9._-]");
        }
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static ConfigDefinition definition() {
        ConfigDefinition.Builder builder = ConfigDefinition.builder();
        NetworkConfig.define(builder, 30_000);
        builder.define(
                        DEFAULT_API_TIMEOUT_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        60_000,
                        ConfigDefinition.Validator.atLeast(0),
                        "timeout of blocking calls that take none (position, offsetsForTimes, ...)")
                .define(
                        GROUP_ID_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "consumer group this consumer joins (subscribe) or commits offsets for; none by default")
                .define(
                        GROUP_INSTANCE_ID_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "makes the consumer a static member: it keeps its assignment across restarts within"
                                + " session.timeout.ms and does not leave the group on close")
                .define(
                        GROUP_PROTOCOL_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "classic",
                        ConfigDefinition.Validator.any(),
                        "the group protocol: classic (JoinGroup/SyncGroup/Heartbeat); consumer (KIP-848) is refused")
                .define(
                        SESSION_TIMEOUT_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        45_000,
                        ConfigDefinition.Validator.atLeast(1),
                        "the coordinator removes a member it has not heard a heartbeat from for this long")
                .define(
                        HEARTBEAT_INTERVAL_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        3_000,
                        ConfigDefinition.Validator.atLeast(1),
                        "time between heartbeats; below session.timeout.ms (usually a third of it)")
                .define(
                        MAX_POLL_INTERVAL_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        300_000,
                        ConfigDefinition.Validator.atLeast(1),
                        "a member that does not call poll() for this long leaves the group; also the rebalance"
                                + " timeout")
                .define(
                        ENABLE_AUTO_COMMIT_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        true,
                        ConfigDefinition.Validator.any(),
                        "commit positions in the background every auto.commit.interval.ms (only with a group.id)")
                .define(
                        AUTO_COMMIT_INTERVAL_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        5_000,
                        ConfigDefinition.Validator.atLeast(0),
                        "time between automatic commits")
                .define(
                        PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                        ConfigDefinition.Type.LIST,
                        List.of(RangeAssignor.class.getName(), CooperativeStickyAssignor.class.getName()),
                        ConfigDefinition.Validator.any(),
                        "assignors in order of preference: range, roundrobin, sticky, cooperative-sticky, Kafka's or"
                                + " Runnel's class names of those, or a ConsumerPartitionAssignor class")
                .define(
                        LEAVE_GROUP_ON_CLOSE_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        true,
                        ConfigDefinition.Validator.any(),
                        "whether a dynamic member sends LeaveGroup when it closes")
                .define(
                        FETCH_MIN_BYTES_CONFIG,
                        ConfigDefinition.Type.INT,
                        1,
                        ConfigDefinition.Validator.atLeast(0),
                        "the broker answers a fetch once it has this many bytes (or fetch.max.wait.ms passed)")
                .define(
                        FETCH_MAX_WAIT_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        500,
                        ConfigDefinition.Validator.atLeast(0),
                        "longest time the broker holds a fetch waiting for fetch.min.bytes")
                .define(
                        MAX_PARTITION_FETCH_BYTES_CONFIG,
                        ConfigDefinition.Type.INT,
                        1024 * 1024,
                        ConfigDefinition.Validator.atLeast(0),
                        "bytes per partition per fetch (a larger first batch is still returned)")
                .define(
                        FETCH_MAX_BYTES_CONFIG,
                        ConfigDefinition.Type.INT,
                        50 * 1024 * 1024,
                        ConfigDefinition.Validator.atLeast(0),
                        "bytes per fetch response (a larger first batch is still returned)")
                .define(
                        MAX_POLL_RECORDS_CONFIG,
                        ConfigDefinition.Type.INT,
                        500,
                        ConfigDefinition.Validator.atLeast(1),
                        "most records one poll() returns")
                .define(
                        AUTO_OFFSET_RESET_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "latest",
                        ConfigDefinition.Validator.in("earliest", "latest", "none"),
                        "where to start without a valid position: earliest, latest or none (fail)")
                .define(
                        CHECK_CRCS_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        true,
                        ConfigDefinition.Validator.any(),
                        "check the CRC of every fetched batch")
                .define(
                        ISOLATION_LEVEL_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "read_uncommitted",
                        ConfigDefinition.Validator.in("read_uncommitted", "read_committed"),
                        "read_committed reads only up to the last stable offset")
                .define(
                        ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        true,
                        ConfigDefinition.Validator.any(),
                        "whether metadata requests may create topics (if the broker allows it)")
                .define(
                        KEY_DESERIALIZER_CLASS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "Deserializer class for keys, unless one is passed to the constructor")
                .define(
                        VALUE_DESERIALIZER_CLASS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "Deserializer class for values, unless one is passed to the constructor");
        return builder.build();
    }

    /**
     * Parses Kafka-named properties. Unknown keys are logged and ignored.
     *
     * @throws InvalidConfigurationException naming a key whose value is bad
     */
    public static ConsumerConfig fromProperties(Properties properties) {
        return fromMap(ClientConfigParser.toMap(properties));
    }

    /** As {@link #fromProperties}; values may be strings or typed. */
    public static ConsumerConfig fromMap(Map<String, ?> config) {
        return new ConsumerConfig(ClientConfigParser.parse(DEFINITION, config, "ConsumerConfig", Set.of()), config);
    }

    public static Builder builder() {
        return new Builder();
    }

    public NetworkConfig network() {
        return network;
    }

    public int fetchMinBytes() {
        return fetchMinBytes;
    }

    public Duration fetchMaxWait() {
        return fetchMaxWait;
    }

    public int maxPartitionFetchBytes() {
        return maxPartitionFetchBytes;
    }

    public int fetchMaxBytes() {
        return fetchMaxBytes;
    }

    public int maxPollRecords() {
        return maxPollRecords;
    }

    public OffsetReset autoOffsetReset() {
        return autoOffsetReset;
    }

    public boolean checkCrcs() {
        return checkCrcs;
    }

    public boolean readCommitted() {
        return readCommitted;
    }

    public boolean allowAutoCreateTopics() {
        return allowAutoCreateTopics;
    }

    public Duration defaultApiTimeout() {
        return defaultApiTimeout;
    }

    public @Nullable String keyDeserializer() {
        return keyDeserializer;
    }

    public @Nullable String valueDeserializer() {
        return valueDeserializer;
    }

    /** {@code group.id}, or null if none is set. */
    public @Nullable String groupId() {
        return groupId;
    }

    public Optional<String> groupInstanceId() {
        return groupInstanceId;
    }

    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** {@code max.poll.interval.ms}, which is also the rebalance timeout the consumer sends in JoinGroup. */
    public Duration maxPollInterval() {
        return maxPollInterval;
    }

    /** Whether positions are committed automatically: {@code enable.auto.commit} and a {@code group.id}. */
    public boolean enableAutoCommit() {
        return enableAutoCommit;
    }

    public Duration autoCommitInterval() {
        return autoCommitInterval;
    }

    /** The assignors as configured (short names or class names), in order of preference. */
    public List<String> partitionAssignmentStrategies() {
        return partitionAssignmentStrategies;
    }

    public boolean leaveGroupOnClose() {
        return leaveGroupOnClose;
    }

    /** The configuration as given, for {@code configure()} of deserializers. */
    public Map<String, Object> originals() {
        return Collections.unmodifiableMap(originals);
    }

    /** A typed builder over the same keys. Not thread-safe. */
    public static final class Builder {
        private final List<String> bootstrapServers = new ArrayList<>();
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder bootstrapServers(String... hostPorts) {
            bootstrapServers.addAll(List.of(hostPorts));
            return this;
        }

        public Builder clientId(String clientId) {
            return set(CLIENT_ID_CONFIG, Objects.requireNonNull(clientId, "clientId"));
        }

        public Builder fetchMinBytes(int bytes) {
            return set(FETCH_MIN_BYTES_CONFIG, bytes);
        }

        public Builder fetchMaxWait(Duration wait) {
            return set(FETCH_MAX_WAIT_MS_CONFIG, Math.toIntExact(wait.toMillis()));
        }

        public Builder maxPartitionFetchBytes(int bytes) {
            return set(MAX_PARTITION_FETCH_BYTES_CONFIG, bytes);
        }

        public Builder fetchMaxBytes(int bytes) {
            return set(FETCH_MAX_BYTES_CONFIG, bytes);
        }

        public Builder maxPollRecords(int records) {
            return set(MAX_POLL_RECORDS_CONFIG, records);
        }

        public Builder autoOffsetReset(OffsetReset reset) {
            return set(AUTO_OFFSET_RESET_CONFIG, reset.name().toLowerCase(Locale.ROOT));
        }

        public Builder checkCrcs(boolean check) {
            return set(CHECK_CRCS_CONFIG, check);
        }

        public Builder groupId(String groupId) {
            return set(GROUP_ID_CONFIG, Objects.requireNonNull(groupId, "groupId"));
        }

        public Builder groupInstanceId(String instanceId) {
            return set(GROUP_INSTANCE_ID_CONFIG, Objects.requireNonNull(instanceId, "instanceId"));
        }

        public Builder sessionTimeout(Duration timeout) {
            return set(SESSION_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        }

        public Builder heartbeatInterval(Duration interval) {
            return set(HEARTBEAT_INTERVAL_MS_CONFIG, Math.toIntExact(interval.toMillis()));
        }

        public Builder maxPollInterval(Duration interval) {
            return set(MAX_POLL_INTERVAL_MS_CONFIG, Math.toIntExact(interval.toMillis()));
        }

        public Builder enableAutoCommit(boolean enable) {
            return set(ENABLE_AUTO_COMMIT_CONFIG, enable);
        }

        public Builder autoCommitInterval(Duration interval) {
            return set(AUTO_COMMIT_INTERVAL_MS_CONFIG, Math.toIntExact(interval.toMillis()));
        }

        /** Assignors in order of preference, by short name or class name. */
        public Builder partitionAssignmentStrategy(String... assignors) {
            return set(PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(assignors));
        }

        public Builder defaultApiTimeout(Duration timeout) {
            return set(DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        }

        /** Any other Kafka-named key. */
        public Builder set(String key, Object value) {
            values.put(key, value);
            return this;
        }

        /**
         * @throws InvalidConfigurationException naming a bad value
         */
        public ConsumerConfig build() {
            Map<String, Object> config = new LinkedHashMap<>(values);
            config.put(BOOTSTRAP_SERVERS_CONFIG, List.copyOf(bootstrapServers));
            return fromMap(config);
        }
    }
}
