package io.runnel.common.errors;

/**
 * An idempotent producer's batch does not continue its sequence on the partition (a gap, or a new epoch not starting
 * at 0); nothing was appended. Maps to Kafka's {@code OUT_OF_ORDER_SEQUENCE_NUMBER} (45).
 */
public class OutOfOrderSequenceException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public OutOfOrderSequenceException(String message) {
        super(message);
    }
}
