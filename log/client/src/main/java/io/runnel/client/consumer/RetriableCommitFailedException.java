package io.runnel.client.consumer;

import io.runnel.common.errors.RetriableException;

/**
 * An asynchronous commit failed for a transient reason (the coordinator moved or was unavailable, a timeout); a later
 * commit may succeed. As Kafka's {@code RetriableCommitFailedException}.
 */
public class RetriableCommitFailedException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public RetriableCommitFailedException(String message) {
        super(message);
    }

    public RetriableCommitFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
