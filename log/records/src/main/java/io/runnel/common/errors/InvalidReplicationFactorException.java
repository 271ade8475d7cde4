package io.runnel.common.errors;

/** A replication factor is below 1 or above the number of live brokers. Kafka's {@code INVALID_REPLICATION_FACTOR} (38). */
public class InvalidReplicationFactorException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidReplicationFactorException(String message) {
        super(message);
    }
}
