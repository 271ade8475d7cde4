package io.runnel.streams.processor;

import io.runnel.streams.errors.StreamsException;

/** Uses the record's own timestamp and fails the task on a negative one (Kafka's default extractor). */
public final class FailOnInvalidTimestamp implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.timestamp() < 0) {
            throw new StreamsException("Record of topic " + record.topic() + " partition " + record.partition()
                    + " offset " + record.offset() + " has an invalid (negative) timestamp " + record.timestamp()
                    + "; use a TimestampExtractor that handles it");
        }
        return record.timestamp();
    }
}
