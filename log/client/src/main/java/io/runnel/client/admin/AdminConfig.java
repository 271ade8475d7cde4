package io.runnel.client.admin;

import io.runnel.client.CommonClientConfigs;
import io.runnel.client.internal.ClientConfigParser;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin client's configuration, typed and immutable. Built from Kafka-named keys ({@link #fromProperties}, {@link
 * #fromMap}) or with {@link #builder()}; {@link #DEFINITION} is the table of keys.
 */
public final class AdminConfig {
    public static final String BOOTSTRAP_SERVERS_CONFIG = CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG;
    public static final String CLIENT_ID_CONFIG = CommonClientConfigs.CLIENT_ID_CONFIG;
    public static final String REQUEST_TIMEOUT_MS_CONFIG = CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG;
    public static final String DEFAULT_API_TIMEOUT_MS_CONFIG = CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG;
    public static final String RETRY_BACKOFF_MS_CONFIG = CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG;

    /** Every key the admin client reads. */
    public static final ConfigDefinition DEFINITION = definition();

    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    private final NetworkConfig network;
    private final Duration defaultApiTimeout;

    private AdminConfig(NetworkConfig network, Duration defaultApiTimeout) {
        this.network = network;
        this.defaultApiTimeout = defaultApiTimeout;
        if (defaultApiTimeout.isNegative() || defaultApiTimeout.isZero()) {
            throw new InvalidConfigurationException(
                    "default.api.timeout.ms must be > 0: " + defaultApiTimeout.toMillis());
        }
    }

    private static ConfigDefinition definition() {
        ConfigDefinition.Builder builder = ConfigDefinition.builder();
        NetworkConfig.define(builder, 30_000);
        builder.define(
                DEFAULT_API_TIMEOUT_MS_CONFIG,
                ConfigDefinition.Type.INT,
                60_000,
                ConfigDefinition.Validator.atLeast(1),
                "the timeout of an admin call that gives none");
        return builder.build();
    }

    /**
     * Parses Kafka-named properties. Unknown keys are logged and ignored.
     *
     * @throws InvalidConfigurationException naming a key whose value is bad
     */
    public static AdminConfig fromProperties(Properties properties) {
        return fromMap(ClientConfigParser.toMap(properties));
    }

    /** As {@link #fromProperties}. */
    public static AdminConfig fromMap(Map<String, ?> config) {
        ConfigValues values = ClientConfigParser.parse(DEFINITION, config, "AdminClient", Set.of());
        return new AdminConfig(
                NetworkConfig.from(values, "adminclient-" + CLIENT_IDS.incrementAndGet()),
                Duration.ofMillis(values.getInt(DEFAULT_API_TIMEOUT_MS_CONFIG)));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The network settings. */
    public NetworkConfig network() {
        return network;
    }

    /** The timeout of a call whose options give none. */
    public Duration defaultApiTimeout() {
        return defaultApiTimeout;
    }

    /** A typed builder over the same keys. Not thread-safe. */
    public static final class Builder {
        private final List<String> bootstrapServers = new ArrayList<>();
        private final Map<String, Object> values = new LinkedHashMap<>();

        private Builder() {}

        /** {@code bootstrap.servers}: {@code host:port} addresses. */
        public Builder bootstrapServers(String... hostPorts) {
            bootstrapServers.addAll(List.of(hostPorts));
            return this;
        }

        /** {@code client.id}. */
        public Builder clientId(String clientId) {
            values.put(CLIENT_ID_CONFIG, Objects.requireNonNull(clientId, "clientId"));
            return this;
        }

        /** {@code request.timeout.ms}. */
        public Builder requestTimeout(Duration timeout) {
            values.put(REQUEST_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
            return this;
        }

        /** {@code default.api.timeout.ms}. */
        public Builder defaultApiTimeout(Duration timeout) {
            values.put(DEFAULT_API_TIMEOUT_MS_CONFIG, Math.toIntExact(timeout.toMillis()));
            return this;
        }

        /** {@code retry.backoff.ms}. */
        public Builder retryBackoff(Duration backoff) {
            values.put(RETRY_BACKOFF_MS_CONFIG, backoff.toMillis());
            return this;
        }

        /**
         * @throws InvalidConfigurationException naming a bad value
         */
        public AdminConfig build() {
            Map<String, Object> config = new LinkedHashMap<>(values);
            config.put(BOOTSTRAP_SERVERS_CONFIG, List.copyOf(bootstrapServers));
            return fromMap(config);
        }
    }
}
