package io.runnel.common.errors;

/** The group id is empty or otherwise not valid. Maps to Kafka's {@code INVALID_GROUP_ID} (24). */
public class InvalidGroupIdException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidGroupIdException(String message) {
        super(message);
    }
}
