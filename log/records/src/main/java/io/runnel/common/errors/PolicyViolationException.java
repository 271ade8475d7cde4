package io.runnel.common.errors;

/**
 * A request is valid but over a limit the broker is configured with (too many partitions in one CreateTopics, say).
 * Kafka's {@code POLICY_VIOLATION} (44).
 */
public class PolicyViolationException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public PolicyViolationException(String message) {
        super(message);
    }
}
