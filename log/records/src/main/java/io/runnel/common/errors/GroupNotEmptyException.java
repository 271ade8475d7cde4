package io.runnel.common.errors;

/** The group still has members, so it cannot be deleted. Maps to Kafka's {@code NON_EMPTY_GROUP} (68). */
public class GroupNotEmptyException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public GroupNotEmptyException(String message) {
        super(message);
    }
}
