package io.runnel.common.errors;

/** A topic name is not legal: empty, too long, or with characters outside {@code [a-zA-Z0-9._-]}. Kafka's {@code INVALID_TOPIC_EXCEPTION} (17). */
public class InvalidTopicException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
