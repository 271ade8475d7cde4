package io.runnel.common.errors;

/**
 * A record batch failed validation: bad CRC, wrong magic, impossible sizes or offsets, or a record that does not parse.
 * Maps to Kafka's {@code CORRUPT_MESSAGE} (2) on the wire.
 *
 * <p>Retriable in Kafka's sense: a producer that sent a batch corrupted in transit may send it again.
 */
public class CorruptRecordException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
