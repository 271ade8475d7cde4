package io.runnel.state;

/**
 * A time window {@code [start, end]} in milliseconds. For window stores {@code end} is {@code start + windowSize};
 * for session stores both ends are the times of the session's first and last records.
 */
public record Window(long start, long end) {
    public Window {
        if (start < 0) {
            throw new IllegalArgumentException("window start must be >= 0: " + start);
        }
        if (end < start) {
            throw new IllegalArgumentException("window end must be >= start " + start + ": " + end);
        }
    }
}
