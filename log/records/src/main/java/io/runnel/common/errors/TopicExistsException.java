package io.runnel.common.errors;

/** A topic with that name already exists. Maps to Kafka's {@code TOPIC_ALREADY_EXISTS} (36). */
public class TopicExistsException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }
}
