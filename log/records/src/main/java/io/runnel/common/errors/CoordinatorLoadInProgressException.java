package io.runnel.common.errors;

/** The group coordinator is still loading the group's state from its log. Maps to Kafka's {@code COORDINATOR_LOAD_IN_PROGRESS} (14). Retriable. */
public class CoordinatorLoadInProgressException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorLoadInProgressException(String message) {
        super(message);
    }
}
