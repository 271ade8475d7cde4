package io.runnel.common.errors;

/** A group member named a generation that is not the group's current one. Maps to Kafka's {@code ILLEGAL_GENERATION} (22). */
public class IllegalGenerationException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public IllegalGenerationException(String message) {
        super(message);
    }
}
