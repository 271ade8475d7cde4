package io.runnel.streams.processor;

/**
 * Gives each input record its event time. The default, {@link FailOnInvalidTimestamp}, uses the record's own
 * timestamp. Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface TimestampExtractor {

    /**
     * @param record the deserialized record
     * @param partitionTime the largest timestamp extracted so far from this partition, or -1 before the first
     * @return the record's timestamp in milliseconds; a negative value makes the task drop the record
     */
    long extract(ConsumerRecord<Object, Object> record, long partitionTime);
}
