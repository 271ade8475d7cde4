package io.runnel.broker.config;

import io.runnel.common.config.ConfigDefinition;
import io.runnel.common.config.ConfigDefinition.Type;
import io.runnel.common.config.ConfigDefinition.Validator;
import io.runnel.common.config.ConfigValues;
import io.runnel.common.errors.InvalidConfigurationException;
import java.time.Duration;
import java.util.Map;

/**
 * How the listener bounds what one client, or all of them, can make the broker hold: request bytes queued, time a
 * connection may stay idle, and time a request may take to arrive. Kafka's key names where Kafka has the setting.
 * Immutable.
 *
 * @param maxRequestBytes {@code socket.request.max.bytes}: the largest request frame accepted (defined with the
 *     broker's keys; repeated here because the bounds below must hold at least one such frame)
 * @param queuedMaxRequestBytes {@code queued.max.request.bytes}: request bytes all connections together may hold,
 *     from the moment a frame's size is read until its request is answered; {@link Long#MAX_VALUE} when unbounded
 *     ({@code -1})
 * @param queuedMaxRequestBytesPerConnection {@code queued.max.request.bytes.per.connection}: the same, per
 *     connection; a connection holding nothing may always take one frame up to {@code socket.request.max.bytes}
 * @param connectionsMaxIdle {@code connections.max.idle.ms}: a connection that neither reads nor writes for this long
 *     is closed
 * @param requestReadTimeout {@code socket.request.read.timeout.ms}: a request whose bytes have started to arrive
 *     must be complete within this long (while the broker reads the connection), or the connection is closed
 */
public record NetworkConfig(
        int maxRequestBytes,
        long queuedMaxRequestBytes,
        long queuedMaxRequestBytesPerConnection,
        Duration connectionsMaxIdle,
        Duration requestReadTimeout) {

    /** Default of {@code queued.max.request.bytes}: 256 MiB (Kafka's default, -1, is unbounded). */
    public static final long DEFAULT_QUEUED_MAX_REQUEST_BYTES = 256L * 1024 * 1024;

    /** Default of {@code queued.max.request.bytes.per.connection}: 16 MiB. */
    public static final long DEFAULT_QUEUED_MAX_REQUEST_BYTES_PER_CONNECTION = 16L * 1024 * 1024;

    public static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(
                    "queued.max.request.bytes",
                    Type.LONG,
                    DEFAULT_QUEUED_MAX_REQUEST_BYTES,
                    NetworkConfig::positiveOrUnbounded,
                    "Request bytes all connections together may hold, from reading a frame's size until its request is"
                            + " answered; a connection waits (is not read) for room. -1: unbounded. At least"
                            + " socket.request.max.bytes.")
            .define(
                    "queued.max.request.bytes.per.connection",
                    Type.LONG,
                    DEFAULT_QUEUED_MAX_REQUEST_BYTES_PER_CONNECTION,
                    Validator.atLeast(1),
                    "Request bytes one connection may hold; a connection holding none may always take one request up"
                            + " to socket.request.max.bytes.")
            .define(
                    "connections.max.idle.ms",
                    Type.LONG,
                    600_000L,
                    Validator.atLeast(1),
                    "A connection that neither reads nor writes for this long is closed.")
            .define(
                    "socket.request.read.timeout.ms",
                    Type.LONG,
                    30_000L,
                    Validator.atLeast(1),
                    "A request must arrive whole within this long of its first byte (while the broker reads the"
                            + " connection), or the connection is closed; the clients' default request.timeout.ms.")
            .build();

    public NetworkConfig {
        if (maxRequestBytes <= 0) {
            throw new IllegalArgumentException("maxRequestBytes must be > 0: " + maxRequestBytes);
        }
        if (queuedMaxRequestBytes < maxRequestBytes) {
            throw new InvalidConfigurationException("queued.max.request.bytes " + queuedMaxRequestBytes
                    + " must be -1 or at least socket.request.max.bytes " + maxRequestBytes
                    + ", or the largest request could never be read");
        }
        if (queuedMaxRequestBytesPerConnection <= 0) {
            throw new IllegalArgumentException(
                    "queuedMaxRequestBytesPerConnection must be > 0: " + queuedMaxRequestBytesPerConnection);
        }
        if (connectionsMaxIdle.toMillis() < 1) {
            throw new IllegalArgumentException("connectionsMaxIdle must be >= 1 ms: " + connectionsMaxIdle);
        }
        if (requestReadTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("requestReadTimeout must be >= 1 ms: " + requestReadTimeout);
        }
    }

    /**
     * Parses the keys of {@link #DEFINITION}.
     *
     * @param maxRequestBytes {@code socket.request.max.bytes}
     * @throws InvalidConfigurationException naming the key of an unknown key or a bad value
     */
    public static NetworkConfig fromMap(Map<String, ?> properties, int maxRequestBytes) {
        ConfigValues v = DEFINITION.parse(properties);
        long queued = v.getLong("queued.max.request.bytes");
        return new NetworkConfig(
                maxRequestBytes,
                queued == -1 ? Long.MAX_VALUE : queued,
                v.getLong("queued.max.request.bytes.per.connection"),
                Duration.ofMillis(v.getLong("connections.max.idle.ms")),
                Duration.ofMillis(v.getLong("socket.request.read.timeout.ms")));
    }

    /** The defaults, with {@code socket.request.max.bytes} = {@code maxRequestBytes}. */
    public static NetworkConfig defaults(int maxRequestBytes) {
        return fromMap(Map.of(), maxRequestBytes);
    }

    private static void positiveOrUnbounded(String key, Object value) {
        long bytes = ((Number) value).longValue();
        if (bytes != -1 && bytes < 1) {
            throw new InvalidConfigurationException(
                    "invalid value '" + value + "' for configuration '" + key + "': must be -1 (unbounded) or > 0");
        }
    }
}
