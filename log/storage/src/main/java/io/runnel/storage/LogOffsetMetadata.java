package io.runnel.storage;

/**
 * An offset and where it lives: the base offset of its segment and its byte position there. The log end is kept in
 * this form so a reader can bound a read by position without a lookup.
 *
 * @param offset a log offset
 * @param segmentBaseOffset the base offset of the segment holding it
 * @param position the byte position in that segment
 */
record LogOffsetMetadata(long offset, long segmentBaseOffset, int position) {}
