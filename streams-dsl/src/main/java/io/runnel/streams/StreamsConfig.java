package io.runnel.streams;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.serialization.Serde;
import io.runnel.streams.errors.DeserializationExceptionHandler;
import io.runnel.streams.errors.LogAndFailExceptionHandler;
import io.runnel.streams.processor.FailOnInvalidTimestamp;
import io.runnel.streams.processor.TimestampExtractor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The typed, immutable configuration of a streams application. Build it with {@link #builder(String)}, or parse
 * Kafka-style keys with {@link #StreamsConfig(Properties)} / {@link #fromProperties(Properties)} (the keys are in
 * {@link #DEFINITION}; {@code docs/reference/streams-configs.md} lists them).
 *
 * @param applicationId {@code application.id}: names the consumer group and prefixes internal topics
 * @param defaultKeySerde {@code default.key.serde}: used where a source, sink or store names no key serde
 * @param defaultValueSerde {@code default.value.serde}
 * @param timestampExtractor {@code default.timestamp.extractor}
 * @param deserializationExceptionHandler {@code deserialization.exception.handler}
 * @param stateDir {@code state.dir}; null lets the runtime choose (the test driver uses a temporary directory,
 *     {@code RunnelStreams} {@code <java.io.tmpdir>/runnel-streams})
 * @param cacheMaxBytes {@code statestore.cache.max.bytes}: the record cache budget of the application instance,
 *     shared evenly by its stream threads
 * @param execution how the runtime runs the topology on the log
 */
public record StreamsConfig(
        String applicationId,
        @Nullable Serde<?> defaultKeySerde,
        @Nullable Serde<?> defaultValueSerde,
        TimestampExtractor timestampExtractor,
        DeserializationExceptionHandler deserializationExceptionHandler,
        @Nullable Path stateDir,
        long cacheMaxBytes,
        Execution execution) {
    private static final Logger log = LoggerFactory.getLogger(StreamsConfig.class);

    public static final String APPLICATION_ID_CONFIG = "application.id";
    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    public static final String CLIENT_ID_CONFIG = "client.id";
    public static final String NUM_STREAM_THREADS_CONFIG = "num.stream.threads";
    public static final String COMMIT_INTERVAL_MS_CONFIG = "commit.interval.ms";
    public static final String POLL_MS_CONFIG = "poll.ms";
    public static final String STATE_DIR_CONFIG = "state.dir";
    public static final String DEFAULT_KEY_SERDE_CLASS_CONFIG = "default.key.serde";
    public static final String DEFAULT_VALUE_SERDE_CLASS_CONFIG = "default.value.serde";
    public static final String DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG = "default.timestamp.extractor";
    public static final String DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG = "deserialization.exception.handler";
    /** The name Kafka Streams used before 4.0; still read. */
    public static final String DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG =
            "default.deserialization.exception.handler";

    public static final String STATESTORE_CACHE_MAX_BYTES_CONFIG = "statestore.cache.max.bytes";
    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    public static final String REPLICATION_FACTOR_CONFIG = "replication.factor";
    public static final String WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG =
            "windowstore.changelog.additional.retention.ms";
    public static final String BUFFERED_RECORDS_PER_PARTITION_CONFIG = "buffered.records.per.partition";

    /** {@code processing.guarantee}: records may be processed again after a failure, never lost. The default. */
    public static final String AT_LEAST_ONCE = "at_least_once";
    /** {@code processing.guarantee} with producer transactions; refused: Runnel has no transactions yet. */
    public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";

    /** Prefix of settings passed to the stream threads' producers. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** Prefix of settings passed to every consumer (main and restore). */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** Prefix of settings passed to the consumers that read input topics; wins over {@link #CONSUMER_PREFIX}. */
    public static final String MAIN_CONSUMER_PREFIX = "main.consumer.";
    /** Prefix of settings passed to the consumers that restore stores; wins over {@link #CONSUMER_PREFIX}. */
    public static final String RESTORE_CONSUMER_PREFIX = "restore.consumer.";
    /** Prefix of settings passed to the admin client that creates internal topics and commits offsets. */
    public static final String ADMIN_CLIENT_PREFIX = "admin.";

    private static final List<String> CLIENT_PREFIXES = List.of(
            PRODUCER_PREFIX, CONSUMER_PREFIX, MAIN_CONSUMER_PREFIX, RESTORE_CONSUMER_PREFIX, ADMIN_CLIENT_PREFIX);

    /** Every key {@link #fromProperties} understands, with Kafka's names and defaults. */
    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(
                    APPLICATION_ID_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "Required. Names the application: its consumer group, the prefix of its internal topics and its"
                            + " directory under state.dir.")
            .define(
                    BOOTSTRAP_SERVERS_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "host:port pairs of the cluster. Empty: RunnelStreams starts a single-node broker in-process,"
                            + " with its data under state.dir.")
            .define(
                    CLIENT_ID_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "Prefix of the clients' ids; empty: the application id.")
            .define(
                    NUM_STREAM_THREADS_CONFIG,
                    Type.INT,
                    1,
                    Validator.atLeast(1),
                    "Stream threads of this instance; the tasks are spread over them.")
            .define(
                    COMMIT_INTERVAL_MS_CONFIG,
                    Type.LONG,
                    30_000L,
                    Validator.atLeast(0),
                    "How often a stream thread commits: flush stores, flush the producer, checkpoint, commit offsets.")
            .define(
                    POLL_MS_CONFIG,
                    Type.LONG,
                    100L,
                    Validator.atLeast(0),
                    "The longest a stream thread waits in poll when it has nothing to process.")
            .define(
                    STATE_DIR_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "Directory of the local state; empty: <java.io.tmpdir>/runnel-streams.")
            .define(
                    DEFAULT_KEY_SERDE_CLASS_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "Serde class (public no-arg constructor) of keys where the topology names none.")
            .define(
                    DEFAULT_VALUE_SERDE_CLASS_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "Serde class of values where the topology names none.")
            .define(
                    DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                    Type.STRING,
                    FailOnInvalidTimestamp.class.getName(),
                    Validator.any(),
                    "TimestampExtractor class of sources that name none.")
            .define(
                    DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    Type.STRING,
                    LogAndFailExceptionHandler.class.getName(),
                    Validator.any(),
                    "What to do with a record that does not deserialize (also read as"
                            + " default.deserialization.exception.handler).")
            .define(
                    DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    Type.STRING,
                    "",
                    Validator.any(),
                    "The pre-4.0 name of deserialization.exception.handler.")
            .define(
                    STATESTORE_CACHE_MAX_BYTES_CONFIG,
                    Type.LONG,
                    10L * 1024 * 1024,
                    Validator.atLeast(0),
                    "Record cache budget of the instance, shared evenly by its stream threads.")
            .define(
                    PROCESSING_GUARANTEE_CONFIG,
                    Type.STRING,
                    AT_LEAST_ONCE,
                    Validator.in(AT_LEAST_ONCE, EXACTLY_ONCE_V2),
                    "at_least_once. exactly_once_v2 is refused until Runnel has producer transactions.")
            .define(
                    REPLICATION_FACTOR_CONFIG,
                    Type.INT,
                    -1,
                    Validator.atLeast(-1),
                    "Replication factor of internal topics; -1: the broker's default.replication.factor.")
            .define(
                    WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG,
                    Type.LONG,
                    86_400_000L,
                    Validator.atLeast(0),
                    "Added to a window or session store's retention to give its changelog's retention.ms.")
            .define(
                    BUFFERED_RECORDS_PER_PARTITION_CONFIG,
                    Type.INT,
                    1000,
                    Validator.atLeast(1),
                    "Records buffered per input partition before the thread pauses fetching it.")
            .build();

    /**
     * How the runtime runs the topology on the log.
     *
     * @param bootstrapServers {@code bootstrap.servers}; null: an embedded single-node broker
     * @param clientId {@code client.id}; null: the application id
     * @param numStreamThreads {@code num.stream.threads}
     * @param commitInterval {@code commit.interval.ms}
     * @param pollTimeout {@code poll.ms}
     * @param replicationFactor {@code replication.factor} of internal topics; -1 for the broker's default
     * @param windowStoreChangelogAdditionalRetention {@code windowstore.changelog.additional.retention.ms}
     * @param bufferedRecordsPerPartition {@code buffered.records.per.partition}
     * @param clientConfigs settings for the clients, with their prefix ({@code producer.acks}, {@code
     *     consumer.fetch.max.wait.ms}, …)
     */
    public record Execution(
            @Nullable String bootstrapServers,
            @Nullable String clientId,
            int numStreamThreads,
            Duration commitInterval,
            Duration pollTimeout,
            int replicationFactor,
            Duration windowStoreChangelogAdditionalRetention,
            int bufferedRecordsPerPartition,
            Map<String, String> clientConfigs) {
        /** Kafka's defaults, with an embedded broker. */
        public static final Execution DEFAULTS = new Execution(
                null, null, 1, Duration.ofSeconds(30), Duration.ofMillis(100), -1, Duration.ofDays(1), 1000, Map.of());

        public Execution {
            if (numStreamThreads < 1) {
                throw new IllegalArgumentException("numStreamThreads must be >= 1: " + numStreamThreads);
            }
            checkNotNegative("commitInterval", commitInterval);
            checkNotNegative("pollTimeout", pollTimeout);
            checkNotNegative("windowStoreChangelogAdditionalRetention", windowStoreChangelogAdditionalRetention);
            if (replicationFactor < -1 || replicationFactor == 0) {
                throw new IllegalArgumentException("replicationFactor must be -1 or >= 1: " + replicationFactor);
            }
            if (bufferedRecordsPerPartition < 1) {
                throw new IllegalArgumentException(
                        "bufferedRecordsPerPartition must be >= 1: " + bufferedRecordsPerPartition);
            }
            clientConfigs = Map.copyOf(clientConfigs);
            for (String key : clientConfigs.keySet()) {
                if (CLIENT_PREFIXES.stream().noneMatch(key::startsWith)) {
                    throw new IllegalArgumentException(
                            "client config " + key + " must start with one of " + CLIENT_PREFIXES);
                }
            }
        }

        /**
         * The settings for one client: those with {@code prefix}, then those with {@code overridingPrefix} on top,
         * both without their prefix.
         */
        public Map<String, String> clientConfigs(String prefix, @Nullable String overridingPrefix) {
            Map<String, String> out = new TreeMap<>();
            for (String p : overridingPrefix == null ? List.of(prefix) : List.of(prefix, overridingPrefix)) {
                clientConfigs.forEach((k, v) -> {
                    if (k.startsWith(p)) {
                        out.put(k.substring(p.length()), v);
                    }
                });
            }
            return out;
        }

        private static void checkNotNegative(String name, Duration d) {
            Objects.requireNonNull(d, () -> name + " cannot be null");
            if (d.isNegative()) {
                throw new IllegalArgumentException(name + " must be >= 0: " + d);
            }
        }
    }

    public StreamsConfig {
        checkApplicationId(applicationId);
        Objects.requireNonNull(timestampExtractor, "timestampExtractor cannot be null");
        Objects.requireNonNull(deserializationExceptionHandler, "deserializationExceptionHandler cannot be null");
        Objects.requireNonNull(execution, "execution cannot be null");
        if (cacheMaxBytes < 0) {
            throw new IllegalArgumentException("cacheMaxBytes must be >= 0: " + cacheMaxBytes);
        }
    }

    /**
     * Parses Kafka-style properties, as Kafka's {@code new StreamsConfig(props)}.
     *
     * @throws InvalidConfigurationException as {@link #fromProperties}
     */
    public StreamsConfig(Properties properties) {
        this(parse(properties));
    }

    /**
     * Parses a map of Kafka-style settings, as Kafka's {@code new StreamsConfig(map)}.
     *
     * @throws InvalidConfigurationException as {@link #fromProperties}
     */
    public StreamsConfig(Map<?, ?> settings) {
        this(parse(settings));
    }

    private StreamsConfig(Builder b) {
        this(
                b.applicationId,
                b.defaultKeySerde,
                b.defaultValueSerde,
                b.timestampExtractor,
                b.deserializationExceptionHandler,
                b.stateDir,
                b.cacheMaxBytes,
                b.execution());
    }

    public static Builder builder(String applicationId) {
        return new Builder(checkApplicationId(applicationId));
    }

    /**
     * Parses Kafka-style keys. Values may be strings or typed ({@code Integer}, {@code Long}, and {@code Class} for
     * class-valued keys, as Kafka accepts); class names need a public no-arg constructor. Keys with a client prefix
     * ({@code producer.}, {@code consumer.}, {@code main.consumer.}, {@code restore.consumer.}, {@code admin.}) go to
     * the clients; other keys Runnel does not know are logged once and ignored, as Kafka does.
     *
     * @throws InvalidConfigurationException if {@code application.id} is missing, a value is malformed, or {@code
     *     processing.guarantee} is {@code exactly_once_v2}
     */
    public static StreamsConfig fromProperties(Properties properties) {
        return new StreamsConfig(parse(properties));
    }

    private static Builder parse(Map<?, ?> properties) {
        Map<String, Object> known = new TreeMap<>();
        Map<String, String> clients = new TreeMap<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (Map.Entry<?, ?> entry : properties.entrySet()) {
            String key = String.valueOf(entry.getKey());
            Object value = entry.getValue() instanceof Class<?> c ? c.getName() : entry.getValue();
            if (DEFINITION.keys().containsKey(key)) {
                known.put(key, value);
            } else if (CLIENT_PREFIXES.stream().anyMatch(key::startsWith)) {
                clients.put(key, String.valueOf(value));
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            log.warn(
                    "Ignoring unknown streams configurations {} (client settings need a prefix such as producer.)",
                    unknown);
        }
        ConfigValues v = DEFINITION.parse(known);
        String id = v.getString(APPLICATION_ID_CONFIG);
        if (id.isEmpty()) {
            throw new InvalidConfigurationException("Missing required configuration " + APPLICATION_ID_CONFIG);
        }
        if (!id.matches("[a-zA-Z0-9._-]+")) {
            throw new InvalidConfigurationException("invalid value '" + id + "' for configuration '"
                    + APPLICATION_ID_CONFIG + "': must use only [a-zA-Z0-9._-] (it prefixes topic names)");
        }
        if (v.getString(PROCESSING_GUARANTEE_CONFIG).toLowerCase(Locale.ROOT).equals(EXACTLY_ONCE_V2)) {
            throw new InvalidConfigurationException("processing.guarantee=exactly_once_v2 needs producer"
                    + " transactions, which Runnel does not have yet; set processing.guarantee=at_least_once");
        }
        Builder b = new Builder(id);
        Map<String, Object> originals = new TreeMap<>(known);
        originals.putAll(clients);
        String keySerde = v.getString(DEFAULT_KEY_SERDE_CLASS_CONFIG);
        if (!keySerde.isEmpty()) {
            Serde<?> serde = instantiate(DEFAULT_KEY_SERDE_CLASS_CONFIG, keySerde, Serde.class);
            serde.configure(originals, true);
            b.defaultKeySerde(serde);
        }
        String valueSerde = v.getString(DEFAULT_VALUE_SERDE_CLASS_CONFIG);
        if (!valueSerde.isEmpty()) {
            Serde<?> serde = instantiate(DEFAULT_VALUE_SERDE_CLASS_CONFIG, valueSerde, Serde.class);
            serde.configure(originals, false);
            b.defaultValueSerde(serde);
        }
        b.timestampExtractor(instantiate(
                DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG,
                v.getString(DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG),
                TimestampExtractor.class));
        String handlerKey = known.containsKey(DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)
                        || !known.containsKey(DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)
                ? DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG
                : DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG;
        b.deserializationExceptionHandler(
                instantiate(handlerKey, v.getString(handlerKey), DeserializationExceptionHandler.class));
        String stateDir = v.getString(STATE_DIR_CONFIG);
        if (!stateDir.isEmpty()) {
            b.stateDir(Path.of(stateDir));
        }
        b.cacheMaxBytes(v.getLong(STATESTORE_CACHE_MAX_BYTES_CONFIG));
        String bootstrap = v.getString(BOOTSTRAP_SERVERS_CONFIG);
        if (!bootstrap.isEmpty()) {
            b.bootstrapServers(bootstrap);
        }
        String clientId = v.getString(CLIENT_ID_CONFIG);
        if (!clientId.isEmpty()) {
            b.clientId(clientId);
        }
        b.numStreamThreads(v.getInt(NUM_STREAM_THREADS_CONFIG))
                .commitInterval(Duration.ofMillis(v.getLong(COMMIT_INTERVAL_MS_CONFIG)))
                .pollTimeout(Duration.ofMillis(v.getLong(POLL_MS_CONFIG)))
                .replicationFactor(v.getInt(REPLICATION_FACTOR_CONFIG))
                .windowStoreChangelogAdditionalRetention(
                        Duration.ofMillis(v.getLong(WINDOW_STORE_CHANGE_LOG_ADDITIONAL_RETENTION_MS_CONFIG)))
                .bufferedRecordsPerPartition(v.getInt(BUFFERED_RECORDS_PER_PARTITION_CONFIG));
        clients.forEach(b::clientConfig);
        return b;
    }

    private static String checkApplicationId(String id) {
        Objects.requireNonNull(id, "applicationId cannot be null");
        if (id.isEmpty() || !id.matches("[a-zA-Z0-9._-]+")) {
            throw new IllegalArgumentException(
                    "application.id must be non-empty and use only [a-zA-Z0-9._-] (it prefixes topic names): '" + id
                            + "'");
        }
        return id;
    }

    private static <T> T instantiate(String key, String className, Class<T> type) {
        try {
            Class<?> c = Class.forName(className.trim());
            if (!type.isAssignableFrom(c)) {
                throw new InvalidConfigurationException("invalid value '" + className + "' for configuration '" + key
                        + "': the class does not implement " + type.getName());
            }
            return type.cast(c.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            InvalidConfigurationException failure = new InvalidConfigurationException("invalid value '" + className
                    + "' for configuration '" + key + "': cannot create it (it needs a public no-arg constructor): "
                    + e);
            failure.initCause(e);
            throw failure;
        }
    }

    /** Builds a {@link StreamsConfig}; not thread-safe. */
    public static final class Builder {
        private String applicationId;
        private @Nullable Serde<?> defaultKeySerde;
        private @Nullable Serde<?> defaultValueSerde;
        private TimestampExtractor timestampExtractor = new FailOnInvalidTimestamp();
        private DeserializationExceptionHandler deserializationExceptionHandler = new LogAndFailExceptionHandler();
        private @Nullable Path stateDir;
        private long cacheMaxBytes = 10L * 1024 * 1024;
        private @Nullable String bootstrapServers;
        private @Nullable String clientId;
        private int numStreamThreads = Execution.DEFAULTS.numStreamThreads();
        private Duration commitInterval = Execution.DEFAULTS.commitInterval();
        private Duration pollTimeout = Execution.DEFAULTS.pollTimeout();
        private int replicationFactor = Execution.DEFAULTS.replicationFactor();
        private Duration windowStoreChangelogAdditionalRetention =
                Execution.DEFAULTS.windowStoreChangelogAdditionalRetention();
        private int bufferedRecordsPerPartition = Execution.DEFAULTS.bufferedRecordsPerPartition();
        private final Map<String, String> clientConfigs = new TreeMap<>();

        private Builder(String applicationId) {
            this.applicationId = applicationId;
        }

        public Builder defaultKeySerde(Serde<?> serde) {
            this.defaultKeySerde = Objects.requireNonNull(serde, "serde cannot be null");
            return this;
        }

        public Builder defaultValueSerde(Serde<?> serde) {
            this.defaultValueSerde = Objects.requireNonNull(serde, "serde cannot be null");
            return this;
        }

        public Builder timestampExtractor(TimestampExtractor extractor) {
            this.timestampExtractor = Objects.requireNonNull(extractor, "extractor cannot be null");
            return this;
        }

        public Builder deserializationExceptionHandler(DeserializationExceptionHandler handler) {
            this.deserializationExceptionHandler = Objects.requireNonNull(handler, "handler cannot be null");
            return this;
        }

        public Builder stateDir(Path dir) {
            this.stateDir = Objects.requireNonNull(dir, "dir cannot be null");
            return this;
        }

        /** @throws IllegalArgumentException if negative */
        public Builder cacheMaxBytes(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("cacheMaxBytes must be >= 0: " + bytes);
            }
            this.cacheMaxBytes = bytes;
            return this;
        }

        /** The cluster to run on ({@code host:port,...}); without one, {@code RunnelStreams} embeds a broker. */
        public Builder bootstrapServers(String servers) {
            Objects.requireNonNull(servers, "servers cannot be null");
            if (servers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers cannot be blank");
            }
            this.bootstrapServers = servers;
            return this;
        }

        public Builder clientId(String id) {
            this.clientId = Objects.requireNonNull(id, "id cannot be null");
            return this;
        }

        /** @throws IllegalArgumentException if below 1 */
        public Builder numStreamThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("numStreamThreads must be >= 1: " + threads);
            }
            this.numStreamThreads = threads;
            return this;
        }

        public Builder commitInterval(Duration interval) {
            this.commitInterval = Objects.requireNonNull(interval, "interval cannot be null");
            return this;
        }

        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "timeout cannot be null");
            return this;
        }

        public Builder replicationFactor(int factor) {
            this.replicationFactor = factor;
            return this;
        }

        public Builder windowStoreChangelogAdditionalRetention(Duration retention) {
            this.windowStoreChangelogAdditionalRetention =
                    Objects.requireNonNull(retention, "retention cannot be null");
            return this;
        }

        public Builder bufferedRecordsPerPartition(int records) {
            this.bufferedRecordsPerPartition = records;
            return this;
        }

        /** A client setting with its prefix, for example {@code ("consumer.fetch.max.wait.ms", "50")}. */
        public Builder clientConfig(String prefixedKey, String value) {
            Objects.requireNonNull(prefixedKey, "prefixedKey cannot be null");
            Objects.requireNonNull(value, "value cannot be null");
            if (CLIENT_PREFIXES.stream().noneMatch(prefixedKey::startsWith)) {
                throw new IllegalArgumentException(
                        "client config " + prefixedKey + " must start with one of " + CLIENT_PREFIXES);
            }
            clientConfigs.put(prefixedKey, value);
            return this;
        }

        private Execution execution() {
            return new Execution(
                    bootstrapServers,
                    clientId,
                    numStreamThreads,
                    commitInterval,
                    pollTimeout,
                    replicationFactor,
                    windowStoreChangelogAdditionalRetention,
                    bufferedRecordsPerPartition,
                    clientConfigs);
        }

        public StreamsConfig build() {
            return new StreamsConfig(this);
        }
    }
}
