package io.runnel.common.errors;

/** The group coordinator does not know the member id. Maps to Kafka's {@code UNKNOWN_MEMBER_ID} (25). */
public class UnknownMemberIdException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public UnknownMemberIdException(String message) {
        super(message);
    }
}
