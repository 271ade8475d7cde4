package io.runnel.common.errors;

/**
 * A batch is well-formed but not acceptable here: for example a control batch from a client, or records whose
 * offsets are not contiguous. Maps to Kafka's {@code INVALID_RECORD} (87) on the wire. Not retriable: the same batch
 * would be refused again.
 */
public class InvalidRecordException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidRecordException(String message) {
        super(message);
    }
}
