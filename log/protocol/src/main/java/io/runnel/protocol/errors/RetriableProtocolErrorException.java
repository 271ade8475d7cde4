package io.runnel.protocol.errors;

import io.runnel.common.errors.RetriableException;

/**
 * A retriable Kafka error (for example {@code NOT_LEADER_OR_FOLLOWER} or {@code COORDINATOR_LOAD_IN_PROGRESS}) for which
 * Runnel has no dedicated exception type; {@link #error()} says which.
 */
public class RetriableProtocolErrorException extends RetriableException implements ProtocolError {
    private static final long serialVersionUID = 1L;

    private final Errors error;

    public RetriableProtocolErrorException(Errors error, String message) {
        super(error.name() + " (" + error.code() + "): " + message);
        this.error = error;
    }

    @Override
    public Errors error() {
        return error;
    }
}
