package io.runnel.storage.index;

/**
 * An offset and the byte position in a segment where scanning for it starts.
 *
 * @param offset an absolute offset
 * @param position a byte position in the segment's log file
 */
public record OffsetPosition(long offset, int position) {}
