package io.runnel.streams.processor;

/** What drives a punctuation. */
public enum PunctuationType {
    /** Stream time: the largest record timestamp the task has processed; advances only with input. */
    STREAM_TIME,
    /** The wall clock of the process (the test driver's mock clock in tests). */
    WALL_CLOCK_TIME
}
