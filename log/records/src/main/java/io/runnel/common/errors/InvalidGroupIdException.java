package io.runnel.common.errors;

/**
 * A group operation (subscribe, commit, committed offsets) needs a valid {@code group.id}, or the broker refused the one
 * given. Kafka's {@code INVALID_GROUP_ID} (24).
 */
public class InvalidGroupIdException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidGroupIdException(String message) {
        super(message);
    }
}
