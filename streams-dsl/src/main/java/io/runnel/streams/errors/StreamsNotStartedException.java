package io.runnel.streams.errors;

import io.runnel.state.InvalidStateStoreException;

/** A store was queried before {@code RunnelStreams.start()}. */
public class StreamsNotStartedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public StreamsNotStartedException(String message) {
        super(message);
    }
}
