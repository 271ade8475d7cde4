package io.runnel.common.errors;

/** The group does not exist. Maps to Kafka's {@code GROUP_ID_NOT_FOUND} (69). */
public class GroupIdNotFoundException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public GroupIdNotFoundException(String message) {
        super(message);
    }
}
