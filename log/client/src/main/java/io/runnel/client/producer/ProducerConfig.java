package io.runnel.client.producer;

import io.runnel.client.CommonClientConfigs;
import io.runnel.client.internal.ClientConfigParser;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.records.CompressionType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The producer's configuration, typed and immutable. Built from Kafka-named keys ({@link #fromProperties}, {@link
 * #fromMap}; the key constants are Kafka's) or with {@link #builder()}; {@link #DEFINITION} is the table of keys.
 *
 * <p>As in Kafka, idempotence is on by default and needs {@code acks=all}, {@code retries > 0} and at most 5 requests
 * in flight: asking for idempotence explicitly together with a conflicting setting is an error; leaving it at its
 * default with a conflicting setting turns it off.
 */
public final class ProducerConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String ACKS_CONFIG = "acks";
    public static final String LINGER_MS_CONFIG = "linger.ms";
    public static final String BATCH_SIZE_CONFIG = "batch.size";
    public static final String BUFFER_MEMORY_CONFIG = "buffer.memory";
    public static final String MAX_BLOCK_MS_CONFIG = "max.block.ms";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    public static final String COMPRESSION_GZIP_LEVEL_CONFIG = "compression.gzip.level";
    public static final String COMPRESSION_LZ4_LEVEL_CONFIG = "compression.lz4.level";
    public static final String COMPRESSION_ZSTD_LEVEL_CONFIG = "compression.zstd.level";
    public static final String RETRIES_CONFIG = "retries";
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;
    public static final String DELIVERY_TIMEOUT_MS_CONFIG = "delivery.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION = "max.in.flight.requests.per.connection";
    public static final String ENABLE_IDEMPOTENCE_CONFIG = "enable.idempotence";
    public static final String MAX_REQUEST_SIZE_CONFIG = "max.request.size";
    public static final String KEY_SERIALIZER_CLASS_CONFIG = "key.serializer";
    public static final String VALUE_SERIALIZER_CLASS_CONFIG = "value.serializer";
    public static final String PARTITIONER_CLASS_CONFIG = "partitioner.class";
    public static final String PARTITIONER_IGNORE_KEYS_CONFIG = "partitioner.ignore.keys";
    public static final String TRANSACTIONAL_ID_CONFIG = "transactional.id";

    /** Every key the producer reads. */
    public static final ConfigDefinition DEFINITION = definition();

    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final NetworkConfig network;
    private final short acks;
    private final Duration linger;
    private final int batchSize;
    private final long bufferMemory;
    private final Duration maxBlock;
    private final CompressionType compressionType;
    private final int compressionLevel;
    private final int retries;
    private final Duration deliveryTimeout;
    private final int maxInFlightRequestsPerConnection;
    private final boolean idempotence;
    private final int maxRequestSize;
    private final @Nullable String keySerializer;
    private final @Nullable String valueSerializer;
    private final @Nullable String partitionerClass;
    private final boolean partitionerIgnoreKeys;
    private final Map<String, Object> originals;

    private ProducerConfig(ConfigValues values, Map<String, ?> originals) {
        this.originals = new LinkedHashMap<>(originals);
        this.network = NetworkConfig.from(values, "producer-" + CLIENT_IDS.incrementAndGet());
        this.acks = parseAcks(values.getString(ACKS_CONFIG));
        this.linger = Duration.ofMillis(values.getLong(LINGER_MS_CONFIG));
        this.batchSize = values.getInt(BATCH_SIZE_CONFIG);
        this.bufferMemory = values.getLong(BUFFER_MEMORY_CONFIG);
        this.maxBlock = Duration.ofMillis(values.getLong(MAX_BLOCK_MS_CONFIG));
        this.compressionType = CompressionType.forName(values.getString(COMPRESSION_TYPE_CONFIG));
        this.compressionLevel = switch (compressionType) {
            case GZIP -> values.getInt(COMPRESSION_GZIP_LEVEL_CONFIG);
            case LZ4 -> values.getInt(COMPRESSION_LZ4_LEVEL_CONFIG);
            case ZSTD -> values.getInt(COMPRESSION_ZSTD_LEVEL_CONFIG);
            default -> 0;
        };
        this.retries = values.getInt(RETRIES_CONFIG);
        this.maxInFlightRequestsPerConnection = values.getInt(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION);
        this.maxRequestSize = values.getInt(MAX_REQUEST_SIZE_CONFIG);
        this.keySerializer = emptyToNull(values.getString(KEY_SERIALIZER_CLASS_CONFIG));
        this.valueSerializer = emptyToNull(values.getString(VALUE_SERIALIZER_CLASS_CONFIG));
        this.partitionerClass = emptyToNull(values.getString(PARTITIONER_CLASS_CONFIG));
        this.partitionerIgnoreKeys = values.getBoolean(PARTITIONER_IGNORE_KEYS_CONFIG);
        if (!values.getString(TRANSACTIONAL_ID_CONFIG).isEmpty()) {
            throw new InvalidConfigurationException(
                    "transactional.id is set, but Runnel's producer does not support transactions yet");
        }
        this.idempotence = resolveIdempotence(values, originals.containsKey(ENABLE_IDEMPOTENCE_CONFIG));
        long deliveryMs = values.getInt(DELIVERY_TIMEOUT_MS_CONFIG);
        long minimum = linger.toMillis() + network.requestTimeout().toMillis();
        if (deliveryMs < minimum) {
            if (originals.containsKey(DELIVERY_TIMEOUT_MS_CONFIG)) {
                throw new InvalidConfigurationException("delivery.timeout.ms (" + deliveryMs
                        + ") must be >= linger.ms + request.timeout.ms (" + minimum + ")");
            }
            deliveryMs = minimum;
        }
        this.deliveryTimeout = Duration.ofMillis(deliveryMs);
    }

    private boolean resolveIdempotence(ConfigValues values, boolean explicit) {
        boolean requested = values.getBoolean(ENABLE_IDEMPOTENCE_CONFIG);
        if (!requested) {
            return false;
        }
        String conflict = null;
        if (acks != -1) {
            conflict = "acks must be all (-1), not " + acks;
        } else if (retries == 0) {
            conflict = "retries must be > 0";
        } else if (maxInFlightRequestsPerConnection > 5) {
            conflict = "max.in.flight.requests.per.connection must be <= 5, not " + maxInFlightRequestsPerConnection;
        }
        if (conflict == null) {
            return true;
        }
        if (explicit) {
            throw new InvalidConfigurationException("enable.idempotence=true needs " + conflict);
        }
        return false;
    }

    private static short parseAcks(String acks) {
        return switch (acks.trim().toLowerCase(Locale.ROOT)) {
            case "all", "-1" -> (short) -1;
            case "0" -> (short) 0;
            case "1" -> (short) 1;
            default ->
                throw new InvalidConfigurationException(
                        "invalid value '" + acks + "' for configuration 'acks': must be one of all, -1, 0, 1");
        };
    }

    private static @Nullable String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static ConfigDefinition definition() {
        ConfigDefinition.Builder builder = ConfigDefinition.builder();
        NetworkConfig.define(builder, 30_000);
        builder.define(
                        ACKS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "all",
                        ConfigDefinition.Validator.in("all", "-1", "0", "1"),
                        "acknowledgements the leader waits for: 0 (none), 1 (leader), all (in-sync replicas)")
                .define(
                        LINGER_MS_CONFIG,
                        ConfigDefinition.Type.LONG,
                        5L,
                        ConfigDefinition.Validator.atLeast(0),
                        "how long a batch waits for more records before it is sent")
                .define(
                        BATCH_SIZE_CONFIG,
                        ConfigDefinition.Type.INT,
                        16_384,
                        ConfigDefinition.Validator.atLeast(1),
                        "target size of a batch per partition, in bytes")
                .define(
                        BUFFER_MEMORY_CONFIG,
                        ConfigDefinition.Type.LONG,
                        32L * 1024 * 1024,
                        ConfigDefinition.Validator.atLeast(1),
                        "bytes of batches the producer may hold; send() blocks when they are used up")
                .define(
                        MAX_BLOCK_MS_CONFIG,
                        ConfigDefinition.Type.LONG,
                        60_000L,
                        ConfigDefinition.Validator.atLeast(0),
                        "how long send() and partitionsFor() may block for metadata or buffer memory")
                .define(
                        COMPRESSION_TYPE_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "none",
                        ConfigDefinition.Validator.in("none", "gzip", "snappy", "lz4", "zstd"),
                        "codec of the batches: none, gzip, snappy, lz4 or zstd")
                .define(
                        COMPRESSION_GZIP_LEVEL_CONFIG,
                        ConfigDefinition.Type.INT,
                        6,
                        ConfigDefinition.Validator.between(1, 9),
                        "gzip level")
                .define(
                        COMPRESSION_LZ4_LEVEL_CONFIG,
                        ConfigDefinition.Type.INT,
                        9,
                        ConfigDefinition.Validator.between(1, 17),
                        "lz4 level")
                .define(
                        COMPRESSION_ZSTD_LEVEL_CONFIG,
                        ConfigDefinition.Type.INT,
                        3,
                        ConfigDefinition.Validator.between(-131072, 22),
                        "zstd level")
                .define(
                        RETRIES_CONFIG,
                        ConfigDefinition.Type.INT,
                        Integer.MAX_VALUE,
                        ConfigDefinition.Validator.atLeast(0),
                        "how often a failed batch is retried (within delivery.timeout.ms)")
                .define(
                        DELIVERY_TIMEOUT_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        120_000,
                        ConfigDefinition.Validator.atLeast(0),
                        "upper bound on the time from send() to success or failure")
                .define(
                        MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
                        ConfigDefinition.Type.INT,
                        5,
                        ConfigDefinition.Validator.atLeast(1),
                        "produce requests in flight per broker")
                .define(
                        ENABLE_IDEMPOTENCE_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        true,
                        ConfigDefinition.Validator.any(),
                        "producer id, epoch and sequence numbers so that retries write no duplicates")
                .define(
                        MAX_REQUEST_SIZE_CONFIG,
                        ConfigDefinition.Type.INT,
                        1024 * 1024,
                        ConfigDefinition.Validator.atLeast(1),
                        "largest produce request, and so largest record, in bytes")
                .define(
                        KEY_SERIALIZER_CLASS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "Serializer class for keys, unless one is passed to the constructor")
                .define(
                        VALUE_SERIALIZER_CLASS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "Serializer class for values, unless one is passed to the constructor")
                .define(
                        PARTITIONER_CLASS_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "Partitioner class; empty for Kafka's default (murmur2 for keys, sticky without)")
                .define(
                        PARTITIONER_IGNORE_KEYS_CONFIG,
                        ConfigDefinition.Type.BOOLEAN,
                        false,
                        ConfigDefinition.Validator.any(),
                        "whether the default partitioner ignores keys (sticky for every record)")
                .define(
                        TRANSACTIONAL_ID_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "not supported yet: setting it is an error");
        return builder.build();
    }

    /**
     * Parses Kafka-named properties. Unknown keys are logged and ignored.
     *
     * @throws InvalidConfigurationException naming a key whose value is bad
     */
    public static ProducerConfig fromProperties(Properties properties) {
        return fromMap(ClientConfigParser.toMap(properties));
    }

    /** As {@link #fromProperties}; values may be strings or typed. */
    public static ProducerConfig fromMap(Map<String, ?> config) {
        ConfigValues values = ClientConfigParser.parse(DEFINITION, config, "ProducerConfig", Set.of());
        return new ProducerConfig(values, config);
    }

    public static Builder builder() {
        return new Builder();
    }

    public NetworkConfig network() {
        return network;
    }

    /** {@code acks} as on the wire: -1 (all), 0 or 1. */
    public short acks() {
        return acks;
    }

    public Duration linger() {
        return linger;
    }

    public int batchSize() {
        return batchSize;
    }

    public long bufferMemory() {
        return bufferMemory;
    }

    public Duration maxBlock() {
        return maxBlock;
    }

    public CompressionType compressionType() {
        return compressionType;
    }

    /** The level of {@link #compressionType()} (0 for none and snappy). */
    public int compressionLevel() {
        return compressionLevel;
    }

    public int retries() {
        return retries;
    }

    public Duration deliveryTimeout() {
        return deliveryTimeout;
    }

    public int maxInFlightRequestsPerConnection() {
        return maxInFlightRequestsPerConnection;
    }

    /** Whether idempotence is on, after resolving conflicts (see the class comment). */
    public boolean idempotence() {
        return idempotence;
    }

    public int maxRequestSize() {
        return maxRequestSize;
    }

    public @Nullable String keySerializer() {
        return keySerializer;
    }

    public @Nullable String valueSerializer() {
        return valueSerializer;
    }

    public @Nullable String partitionerClass() {
        return partitionerClass;
    }

    public boolean partitionerIgnoreKeys() {
        return partitionerIgnoreKeys;
    }

    /** The configuration as given, for {@code configure()} of serializers and partitioners. */
    public Map<String, Object> originals() {
        return java.util.Collections.unmodifiableMap(originals);
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

        /** {@code acks}: "all", "0" or "1". */
        public Builder acks(String acks) {
            return set(ACKS_CONFIG, acks);
        }

        public Builder linger(Duration linger) {
            return set(LINGER_MS_CONFIG, linger.toMillis());
        }

        public Builder batchSize(int bytes) {
            return set(BATCH_SIZE_CONFIG, bytes);
        }

        public Builder bufferMemory(long bytes) {
            return set(BUFFER_MEMORY_CONFIG, bytes);
        }

        public Builder maxBlock(Duration maxBlock) {
            return set(MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        }

        public Builder compression(CompressionType type) {
            return set(COMPRESSION_TYPE_CONFIG, type.configName);
        }

        public Builder retries(int retries) {
            return set(RETRIES_CONFIG, retries);
        }

        public Builder deliveryTimeout(Duration timeout) {
            return set(DELIVERY_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        }

        public Builder requestTimeout(Duration timeout) {
            return set(REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
        }

        public Builder maxInFlightRequestsPerConnection(int max) {
            return set(MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, max);
        }

        public Builder idempotence(boolean enabled) {
            return set(ENABLE_IDEMPOTENCE_CONFIG, enabled);
        }

        public Builder maxRequestSize(int bytes) {
            return set(MAX_REQUEST_SIZE_CONFIG, bytes);
        }

        /** Any other Kafka-named key. */
        public Builder set(String key, Object value) {
            values.put(key, value);
            return this;
        }

        /**
         * @throws InvalidConfigurationException naming a bad value
         */
        public ProducerConfig build() {
            Map<String, Object> config = new LinkedHashMap<>(values);
            config.put(BOOTSTRAP_SERVERS_CONFIG, List.copyOf(bootstrapServers));
            return fromMap(config);
        }
    }
}
