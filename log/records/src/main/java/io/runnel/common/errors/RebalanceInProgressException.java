package io.runnel.common.errors;

/** The group is rebalancing; its members must rejoin. Maps to Kafka's {@code REBALANCE_IN_PROGRESS} (27). */
public class RebalanceInProgressException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public RebalanceInProgressException(String message) {
        super(message);
    }
}
