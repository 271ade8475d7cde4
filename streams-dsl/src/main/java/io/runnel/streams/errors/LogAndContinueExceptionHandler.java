package io.runnel.streams.errors;

import io.runnel.streams.processor.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the failing record's coordinates and skips it; the task counts it as dropped and goes on. */
public final class LogAndContinueExceptionHandler implements DeserializationExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(LogAndContinueExceptionHandler.class);

    @Override
    public DeserializationHandlerResponse handle(ConsumerRecord<byte[], byte[]> record, Exception exception) {
        log.warn(
                "Deserialization failed for the record of topic {} partition {} offset {}; skipping it",
                record.topic(),
                record.partition(),
                record.offset(),
                exception);
        return DeserializationHandlerResponse.CONTINUE;
    }
}
