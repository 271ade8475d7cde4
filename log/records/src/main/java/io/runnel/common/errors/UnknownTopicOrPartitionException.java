package io.runnel.common.errors;

/**
 * The topic or partition does not exist (here). Maps to Kafka's {@code UNKNOWN_TOPIC_OR_PARTITION} (3). Retriable:
 * metadata may be catching up with a topic just created.
 */
public class UnknownTopicOrPartitionException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public UnknownTopicOrPartitionException(String message) {
        super(message);
    }
}
