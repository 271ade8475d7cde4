package io.runnel.client.producer;

import org.jspecify.annotations.Nullable;

/**
 * Called once a sent record is acknowledged or has failed, as Kafka's {@code Callback}. Runs on the producer's I/O
 * thread: keep it short and never block in it (no {@code get()}, no synchronous {@code send} loops).
 */
@FunctionalInterface
public interface Callback {
    /**
     * @param metadata where the record landed, or null if it failed
     * @param exception why it failed, or null if it succeeded
     */
    void onCompletion(@Nullable RecordMetadata metadata, @Nullable Exception exception);
}
