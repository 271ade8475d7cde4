package io.runnel.common.errors;

/**
 * A partition has no leader right now, for example during a leader election. Maps to Kafka's {@code
 * LEADER_NOT_AVAILABLE} (5). Retriable.
 */
public class LeaderNotAvailableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public LeaderNotAvailableException(String message) {
        super(message);
    }
}
