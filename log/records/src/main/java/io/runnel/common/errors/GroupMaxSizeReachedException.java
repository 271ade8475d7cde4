package io.runnel.common.errors;

/**
 * The consumer cannot join its group: the group already has {@code group.max.size} members. Fatal for the consumer.
 * Kafka's {@code GROUP_MAX_SIZE_REACHED} (81).
 */
public class GroupMaxSizeReachedException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public GroupMaxSizeReachedException(String message) {
        super(message);
    }
}
