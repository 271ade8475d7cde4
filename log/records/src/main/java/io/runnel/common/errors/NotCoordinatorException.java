package io.runnel.common.errors;

/** The broker asked is not the group's coordinator (any more). Maps to Kafka's {@code NOT_COORDINATOR} (16). Retriable: find the coordinator again. */
public class NotCoordinatorException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotCoordinatorException(String message) {
        super(message);
    }
}
