package io.runnel.client.internal;

import io.runnel.client.CommonClientConfigs;
import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The settings every client's network layer takes: where to bootstrap, who it is, and its timeouts. Immutable.
 *
 * @param bootstrapServers {@code host:port} addresses to find the cluster from
 * @param clientId the client's name in request headers and logs
 * @param requestTimeout how long a request may wait for its response before the connection is dropped
 * @param connectionSetupTimeout how long a connection may take to open
 * @param retryBackoff the pause before a failed request is retried
 * @param reconnectBackoff the pause before reconnecting to a broker after a disconnection
 * @param metadataMaxAge metadata older than this is refreshed even without an error
 * @param sendBufferBytes the socket's send buffer, or -1 for the system default
 * @param receiveBufferBytes the socket's receive buffer, or -1 for the system default
 */
public record NetworkConfig(
        List<InetSocketAddress> bootstrapServers,
        String clientId,
        Duration requestTimeout,
        Duration connectionSetupTimeout,
        Duration retryBackoff,
        Duration reconnectBackoff,
        Duration metadataMaxAge,
        int sendBufferBytes,
        int receiveBufferBytes) {
    public NetworkConfig {
        bootstrapServers = List.copyOf(bootstrapServers);
        if (bootstrapServers.isEmpty()) {
            throw new InvalidConfigurationException("bootstrap.servers must name at least one host:port");
        }
        Objects.requireNonNull(clientId, "clientId");
        requirePositive("request.timeout.ms", requestTimeout);
        requirePositive("socket.connection.setup.timeout.ms", connectionSetupTimeout);
        requireNonNegative("retry.backoff.ms", retryBackoff);
        requireNonNegative("reconnect.backoff.ms", reconnectBackoff);
        requireNonNegative("metadata.max.age.ms", metadataMaxAge);
    }

    /** Adds the common keys to a client's definition table. */
    public static void define(ConfigDefinition.Builder builder, int defaultRequestTimeoutMs) {
        builder.define(
                        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                        ConfigDefinition.Type.LIST,
                        List.of(),
                        ConfigDefinition.Validator.any(),
                        "host:port pairs to find the cluster from; required")
                .define(
                        CommonClientConfigs.CLIENT_ID_CONFIG,
                        ConfigDefinition.Type.STRING,
                        "",
                        ConfigDefinition.Validator.any(),
                        "the client's name in requests and logs; generated when empty")
                .define(
                        CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG,
                        ConfigDefinition.Type.INT,
                        defaultRequestTimeoutMs,
                        ConfigDefinition.Validator.atLeast(1),
                        "how long a request waits for its response before the connection is dropped")
                .define(
                        CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG,
                        ConfigDefinition.Type.LONG,
                        10_000L,
                        ConfigDefinition.Validator.atLeast(1),
                        "how long opening a connection may take")
                .define(
                        CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG,
                        ConfigDefinition.Type.LONG,
                        100L,
                        ConfigDefinition.Validator.atLeast(0),
                        "pause before retrying a failed request")
                .define(
                        CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG,
                        ConfigDefinition.Type.LONG,
                        50L,
                        ConfigDefinition.Validator.atLeast(0),
                        "pause before reconnecting to a broker")
                .define(
                        CommonClientConfigs.METADATA_MAX_AGE_CONFIG,
                        ConfigDefinition.Type.LONG,
                        300_000L,
                        ConfigDefinition.Validator.atLeast(0),
                        "refresh metadata at least this often")
                .define(
                        CommonClientConfigs.SEND_BUFFER_CONFIG,
                        ConfigDefinition.Type.INT,
                        128 * 1024,
                        ConfigDefinition.Validator.atLeast(-1),
                        "socket send buffer (SO_SNDBUF); -1 for the system default")
                .define(
                        CommonClientConfigs.RECEIVE_BUFFER_CONFIG,
                        ConfigDefinition.Type.INT,
                        64 * 1024,
                        ConfigDefinition.Validator.atLeast(-1),
                        "socket receive buffer (SO_RCVBUF); -1 for the system default");
    }

    /** Reads the common keys from parsed values; {@code clientIdPrefix} names a generated client id. */
    public static NetworkConfig from(ConfigValues values, String generatedClientId) {
        String clientId = values.getString(CommonClientConfigs.CLIENT_ID_CONFIG);
        return new NetworkConfig(
                parseBootstrap(values.getList(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)),
                clientId.isEmpty() ? generatedClientId : clientId,
                Duration.ofMillis(values.getInt(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(values.getLong(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG)),
                Duration.ofMillis(values.getLong(CommonClientConfigs.RETRY_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(values.getLong(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(values.getLong(CommonClientConfigs.METADATA_MAX_AGE_CONFIG)),
                values.getInt(CommonClientConfigs.SEND_BUFFER_CONFIG),
                values.getInt(CommonClientConfigs.RECEIVE_BUFFER_CONFIG));
    }

    /**
     * Parses {@code host:port} entries (IPv6 hosts in brackets).
     *
     * @throws InvalidConfigurationException naming the entry that does not parse
     */
    public static List<InetSocketAddress> parseBootstrap(List<String> entries) {
        if (entries.isEmpty()) {
            throw new InvalidConfigurationException(
                    "missing required configuration 'bootstrap.servers': name at least one host:port");
        }
        List<InetSocketAddress> addresses = new ArrayList<>(entries.size());
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw invalidAddress(entry);
            }
            String host = entry.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw invalidAddress(entry);
            }
            if (port < 1 || port > 65535 || host.isEmpty()) {
                throw invalidAddress(entry);
            }
            addresses.add(InetSocketAddress.createUnresolved(host, port));
        }
        return addresses;
    }

    private static InvalidConfigurationException invalidAddress(String entry) {
        return new InvalidConfigurationException(
                "invalid value '" + entry + "' for configuration 'bootstrap.servers': expected host:port");
    }

    private static void requirePositive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new InvalidConfigurationException(key + " must be > 0: " + value.toMillis());
        }
    }

    private static void requireNonNegative(String key, Duration value) {
        if (value.isNegative()) {
            throw new InvalidConfigurationException(key + " must be >= 0: " + value.toMillis());
        }
    }
}
