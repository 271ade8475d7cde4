package io.runnel.common.errors;

/**
 * The root of every exception Runnel throws. Unchecked, as in Kafka: a caller handles the subtypes it can act on
 * and lets the rest propagate.
 */
public class RunnelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RunnelException(String message) {
        super(message);
    }

    public RunnelException(String message, Throwable cause) {
        super(message, cause);
    }

    public RunnelException(Throwable cause) {
        super(cause);
    }
}
