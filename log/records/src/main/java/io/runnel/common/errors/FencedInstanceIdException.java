package io.runnel.common.errors;

/**
 * Another consumer joined the group with this consumer's {@code group.instance.id}: this one is fenced and can no longer
 * take part in the group. Fatal for the consumer. Kafka's {@code FENCED_INSTANCE_ID} (82).
 */
public class FencedInstanceIdException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public FencedInstanceIdException(String message) {
        super(message);
    }
}
