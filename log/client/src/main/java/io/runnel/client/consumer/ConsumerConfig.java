package io.runnel.client.consumer;

import io.runnel.client.CommonClientConfigs;
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
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's configuration, typed and immutable. Built from Kafka-named keys ({@link #fromProperties}, {@link
 * #fromMap}) or with {@link #builder()}; {@link #DEFINITION} is the table of keys.
 */
public final class ConsumerConfig {
    private static final Logger log = LoggerFactory.getLogger(ConsumerConfig.class);

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
        if (!values.getString(GROUP_ID_CONFIG).isEmpty()) {
            log.warn(
                    "group.id '{}' is set, but Runnel's consumer does not join groups or commit offsets yet: use "
                            + "assign() and seek()",
                    values.getString(GROUP_ID_CONFIG));
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
                        "consumer group; groups are not supported yet (a warning is logged)")
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
