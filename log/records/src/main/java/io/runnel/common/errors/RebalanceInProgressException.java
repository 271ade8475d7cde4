package io.runnel.common.errors;

/**
 * The consumer group is rebalancing: an offset commit cannot complete now. Not fatal: call {@code poll()} to finish the
 * rebalance, then commit again. Kafka's {@code REBALANCE_IN_PROGRESS} (27).
 */
public class RebalanceInProgressException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public RebalanceInProgressException(String message) {
        super(message);
    }
}
