package io.runnel.common.errors;

/**
 * A read or log operation named an offset outside the log's range {@code [logStartOffset, logEndOffset]}. Maps to
 * Kafka's {@code OFFSET_OUT_OF_RANGE} (1).
 */
public class OffsetOutOfRangeException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }
}
