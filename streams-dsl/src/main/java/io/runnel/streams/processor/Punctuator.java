package io.runnel.streams.processor;

/** A callback scheduled through {@code ProcessorContext.schedule}. */
@FunctionalInterface
public interface Punctuator {
    /** @param timestamp the stream time or wall-clock time at which the punctuation fires */
    void punctuate(long timestamp);
}
