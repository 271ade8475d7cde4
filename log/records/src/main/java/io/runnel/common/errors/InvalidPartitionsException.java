package io.runnel.common.errors;

/** A partition count is below 1. Kafka's {@code INVALID_PARTITIONS} (37). */
public class InvalidPartitionsException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidPartitionsException(String message) {
        super(message);
    }
}
