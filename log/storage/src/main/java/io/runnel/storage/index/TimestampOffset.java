package io.runnel.storage.index;

/**
 * A timestamp and the offset of the first record known to carry it (or a larger one).
 *
 * @param timestamp milliseconds since the epoch
 * @param offset an absolute offset
 */
public record TimestampOffset(long timestamp, long offset) {}
