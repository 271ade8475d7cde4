package io.runnel.common.errors;

/**
 * A record batch is larger than the topic's {@code max.message.bytes} (or a segment could hold). Maps to Kafka's
 * {@code MESSAGE_TOO_LARGE} (10).
 */
public class RecordTooLargeException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }
}
