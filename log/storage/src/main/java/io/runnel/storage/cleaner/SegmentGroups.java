package io.runnel.storage.cleaner;

import io.runnel.storage.LogConfig;
import io.runnel.storage.cleaner.LogToClean.SourceSegment;
import io.runnel.storage.index.OffsetIndex;
import io.runnel.storage.index.TimeIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the segments to clean into groups that each become one cleaned segment, as Kafka's {@code
 * groupSegmentsBySize}: consecutive segments whose total size fits {@code segment.bytes}, whose offset-index entries
 * fit {@code segment.index.bytes}, and whose offsets fit a segment's 32-bit relative offsets. Cleaning only shrinks
 * segments, so the cleaned segment fits too.
 */
final class SegmentGroups {
    private SegmentGroups() {}

    static List<List<SourceSegment>> of(List<SourceSegment> segments, LogConfig config) {
        List<List<SourceSegment>> groups = new ArrayList<>();
        int i = 0;
        while (i < segments.size()) {
            List<SourceSegment> group = new ArrayList<>();
            SourceSegment first = segments.get(i);
            group.add(first);
            long bytes = first.size();
            long offsetIndexBytes = offsetIndexBytes(first);
            long timeIndexBytes = timeIndexBytes(first);
            i++;
            while (i < segments.size()) {
                SourceSegment next = segments.get(i);
                if (bytes + next.size() > config.segmentBytes()
                        || offsetIndexBytes + offsetIndexBytes(next) > config.segmentIndexBytes()
                        || timeIndexBytes + timeIndexBytes(next) > config.segmentIndexBytes()
                        || next.nextOffset() - 1 - first.baseOffset() > Integer.MAX_VALUE) {
                    break;
                }
                group.add(next);
                bytes += next.size();
                offsetIndexBytes += offsetIndexBytes(next);
                timeIndexBytes += timeIndexBytes(next);
                i++;
            }
            groups.add(group);
        }
        return groups;
    }

    private static long offsetIndexBytes(SourceSegment source) {
        return (long) source.segment().offsetIndex().entries() * OffsetIndex.ENTRY_SIZE;
    }

    private static long timeIndexBytes(SourceSegment source) {
        return (long) source.segment().timeIndex().entries() * TimeIndex.ENTRY_SIZE;
    }
}
