package io.runnel.common.errors;

/**
 * An {@code acks=all} write was refused because the partition has fewer in-sync replicas than the topic's
 * {@code min.insync.replicas}; nothing was appended. Retriable: the in-sync set may grow back. Maps to Kafka's
 * {@code NOT_ENOUGH_REPLICAS} (19).
 */
public class NotEnoughReplicasException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NotEnoughReplicasException(String message) {
        super(message);
    }
}
