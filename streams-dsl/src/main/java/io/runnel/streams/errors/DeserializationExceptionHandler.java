package io.runnel.streams.errors;

import io.runnel.streams.processor.ConsumerRecord;

/**
 * Decides what happens to an input record whose key or value cannot be deserialized (or whose timestamp cannot be
 * extracted). Mirrors Kafka's {@code DeserializationExceptionHandler}; the default is {@link
 * LogAndFailExceptionHandler}. Implementations must be thread-safe: one instance serves every task of an application.
 */
@FunctionalInterface
public interface DeserializationExceptionHandler {

    /** What to do with the record. */
    enum DeserializationHandlerResponse {
        /** Skip the record, count it as dropped, and go on. */
        CONTINUE,
        /** Stop processing: the task fails with a {@link StreamsException} naming topic, partition and offset. */
        FAIL
    }

    /**
     * @param record the raw record, with its topic, partition and offset
     * @param exception what the deserializer threw
     */
    DeserializationHandlerResponse handle(ConsumerRecord<byte[], byte[]> record, Exception exception);
}
