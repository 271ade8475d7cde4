package io.runnel.streams.errors;

import io.runnel.streams.processor.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the failing record's coordinates and fails the task: the default, as in Kafka. */
public final class LogAndFailExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(LogAndFailExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.error(
                "Deserialization failed for the record of topic {} partition {} offset {}; failing",
                record.topic(),
                record.partition(),
                record.offset(),
                exception);
        return DeserializationHandlerResponse.FAIL;
    }
}
