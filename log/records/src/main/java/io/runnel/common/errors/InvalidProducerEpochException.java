package io.runnel.common.errors;

/**
 * A producer wrote with an epoch older than one the partition has already seen from the same producer id (it was
 * fenced by a newer instance); nothing was appended. Maps to Kafka's {@code INVALID_PRODUCER_EPOCH} (47).
 */
public class InvalidProducerEpochException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidProducerEpochException(String message) {
        super(message);
    }
}
