package io.runnel.protocol.errors;

import io.runnel.common.errors.RunnelException;

/**
 * A non-retriable Kafka error for which Runnel has no dedicated exception type; {@link #error()} says which. A client
 * raises it for an error code received from a broker; a broker may throw it to answer with that code.
 */
public class ProtocolErrorException extends RunnelException implements ProtocolError {
    private static final long serialVersionUID = 1L;

    private final Errors error;

    public ProtocolErrorException(Errors error, String message) {
        super(error.name() + " (" + error.code() + "): " + message);
        this.error = error;
    }

    @Override
    public Errors error() {
        return error;
    }
}
