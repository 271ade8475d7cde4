package io.runnel.protocol.errors;

import io.runnel.common.errors.RunnelException;

/**
 * A request names an API key Runnel does not speak, or a version of it other than the one Runnel speaks. Maps to
 * Kafka's {@code UNSUPPORTED_VERSION} (35).
 *
 * <p>When it comes from decoding a request, it carries what the header said ({@link #apiKey()}, {@link #apiVersion()},
 * {@link #correlationId()}), so that a broker can still answer an ApiVersions request of a version it does not speak
 * with a version 0 response listing what it does ({@code ResponseCodec.encodeApiVersionsFallback}), as Kafka does. For
 * any other API the broker closes the connection: it cannot know the response layout the client expects.
 */
public class UnsupportedVersionException extends RunnelException implements ProtocolError {
    private static final long serialVersionUID = 1L;

    /** Header values when unknown, as for an exception raised by a client for the error code. */
    public static final int UNKNOWN = -1;

    private final short apiKey;
    private final short apiVersion;
    private final int correlationId;

    public UnsupportedVersionException(String message) {
        this(message, (short) UNKNOWN, (short) UNKNOWN, UNKNOWN);
    }

    public UnsupportedVersionException(String message, short apiKey, short apiVersion, int correlationId) {
        super(message);
        this.apiKey = apiKey;
        this.apiVersion = apiVersion;
        this.correlationId = correlationId;
    }

    /** The API key of the refused request, or {@link #UNKNOWN}. */
    public short apiKey() {
        return apiKey;
    }

    /** The version of the refused request, or {@link #UNKNOWN}. */
    public short apiVersion() {
        return apiVersion;
    }

    /** The correlation id of the refused request, or {@link #UNKNOWN}. */
    public int correlationId() {
        return correlationId;
    }

    @Override
    public Errors error() {
        return Errors.UNSUPPORTED_VERSION;
    }
}
