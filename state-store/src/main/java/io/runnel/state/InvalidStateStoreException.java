package io.runnel.state;

import io.runnel.common.errors.RunnelException;

/** A store was used while it was not open: before {@code init}, after {@code close}, or after a failure. */
public class InvalidStateStoreException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidStateStoreException(String message) {
        super(message);
    }
}
