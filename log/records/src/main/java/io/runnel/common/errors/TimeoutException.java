package io.runnel.common.errors;

/** An operation did not complete in the time allowed (for example `max.block.ms` or `delivery.timeout.ms`). Maps to Kafka's {@code REQUEST_TIMED_OUT} (7). */
public class TimeoutException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public TimeoutException(String message) {
        super(message);
    }

    public TimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
