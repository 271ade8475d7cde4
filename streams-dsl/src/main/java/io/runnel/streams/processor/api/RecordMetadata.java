package io.runnel.streams.processor.api;

/** Where the record being processed was read: its input topic, partition and offset. */
public interface RecordMetadata {
    String topic();

    int partition();

    long offset();
}
