package io.runnel.common.errors;

/** The group's members subscribe to the topic whose offsets were to be deleted. Maps to Kafka's {@code GROUP_SUBSCRIBED_TO_TOPIC} (86). */
public class GroupSubscribedToTopicException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public GroupSubscribedToTopicException(String message) {
        super(message);
    }
}
