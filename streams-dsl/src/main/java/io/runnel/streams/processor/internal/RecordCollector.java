package io.runnel.streams.processor.internal;

import io.runnel.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Where sinks send serialized records. The runtime implements it with a producer; the test driver captures the
 * records. Called only by the task's thread.
 */
public interface RecordCollector {

    /**
     * @param topic the resolved topic name (internal topics carry the application id prefix)
     * @param key the serialized key; ownership passes to the collector
     * @param value the serialized value; ownership passes to the collector
     */
    void send(String topic, byte @Nullable [] key, byte @Nullable [] value, Headers headers, long timestamp);

    /** Makes every record sent so far durable (or visible); called on commit. */
    void flush();
}
