package io.runnel.common.errors;

/** No group coordinator is available for the group right now. Maps to Kafka's {@code COORDINATOR_NOT_AVAILABLE} (15). Retriable: find the coordinator again. */
public class CoordinatorNotAvailableException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CoordinatorNotAvailableException(String message) {
        super(message);
    }
}
