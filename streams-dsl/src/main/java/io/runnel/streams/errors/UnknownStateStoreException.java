package io.runnel.streams.errors;

import io.runnel.state.InvalidStateStoreException;

/** The topology has no store of the queried name. */
public class UnknownStateStoreException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownStateStoreException(String message) {
        super(message);
    }
}
