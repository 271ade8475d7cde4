package io.runnel.streams.processor;

/** Cancels a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {
    /** Stops future punctuations; idempotent. */
    void cancel();
}
