package io.runnel.streams.processor;

import io.runnel.common.header.Headers;

/** Where the record being processed came from; what a {@link TopicNameExtractor} sees. */
public interface RecordContext {
    /** The input topic; the empty string in a punctuation, where no input record is being processed. */
    String topic();

    int partition();

    long offset();

    long timestamp();

    Headers headers();
}
