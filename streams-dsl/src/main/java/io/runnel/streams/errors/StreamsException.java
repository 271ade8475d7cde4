package io.runnel.streams.errors;

import io.runnel.common.errors.RunnelException;

/** A failure while building or running a topology. */
public class StreamsException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }
}
