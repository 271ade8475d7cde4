package io.runnel.streams.processor.internal;

import io.runnel.common.header.Headers;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A serialized record read from (or produced to) a topic partition, as the runtime hands it to a task. The arrays are
 * not copied: the producer of a raw record gives up ownership of them.
 */
public record RawRecord(
        String topic,
        int partition,
        long offset,
        long timestamp,
        Headers headers,
        byte @Nullable [] key,
        byte @Nullable [] value) {
    public RawRecord {
        Objects.requireNonNull(topic, "topic cannot be null");
        Objects.requireNonNull(headers, "headers cannot be null");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    /**
     * The canonical constructor as a method: NullAway does not see the nullness of record components compiled in
     * another module, but does see a method's, so other modules call this.
     */
    public static RawRecord of(
            String topic,
            int partition,
            long offset,
            long timestamp,
            Headers headers,
            byte @Nullable [] key,
            byte @Nullable [] value) {
        return new RawRecord(topic, partition, offset, timestamp, headers, key, value);
    }
}
