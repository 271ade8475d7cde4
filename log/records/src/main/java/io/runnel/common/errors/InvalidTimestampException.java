package io.runnel.common.errors;

/** A record's timestamp is outside the range the topic accepts. Maps to Kafka's {@code INVALID_TIMESTAMP} (32). */
public class InvalidTimestampException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidTimestampException(String message) {
        super(message);
    }
}
