package io.runnel.common.errors;

/**
 * A disk or file-system failure while reading or writing a log: an I/O error, a full disk, a directory that cannot be
 * locked. Maps to Kafka's {@code KAFKA_STORAGE_ERROR} (56). Retriable: another replica may serve the request.
 */
public class StorageException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
