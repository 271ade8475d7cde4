package io.runnel.storage.segment;

import io.runnel.records.FileRecords;

/**
 * What a segment needs to know of its log's configuration.
 *
 * @param segmentBytes roll before the segment grows past this size
 * @param segmentMs roll when the segment's first record is this many milliseconds older than the newest
 * @param maxIndexBytes the size of each index file while the segment is active
 * @param indexIntervalBytes bytes of batches between index entries
 * @param channels opens segment files; tests pass one that injects disk faults
 */
public record SegmentSettings(
        int segmentBytes,
        long segmentMs,
        int maxIndexBytes,
        int indexIntervalBytes,
        FileRecords.ChannelOpener channels) {
    public SegmentSettings {
        if (segmentBytes <= 0 || segmentMs <= 0 || maxIndexBytes < 12 || indexIntervalBytes < 0) {
            throw new IllegalArgumentException("invalid segment settings: bytes=" + segmentBytes + ", ms=" + segmentMs
                    + ", maxIndexBytes=" + maxIndexBytes + ", indexIntervalBytes=" + indexIntervalBytes);
        }
    }
}
