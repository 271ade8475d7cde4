package io.runnel.cli;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/**
 * Where {@code runnel groups reset-offsets} moves a partition's committed offset, as {@code kafka-consumer-groups.sh
 * --reset-offsets} does: to the earliest or latest offset, to the first offset at or after a time, to an offset, or
 * shifted from the committed one. Every target is kept within the partition's {@code [earliest, latest]} range.
 */
sealed interface OffsetReset {
    /** The earliest offset still in the log. */
    record ToEarliest() implements OffsetReset {}

    /** The log end offset: consumers skip what is there now. */
    record ToLatest() implements OffsetReset {}

    /** The first record at or after {@code time}; the log end offset if none is. */
    record ToDatetime(Instant time) implements OffsetReset {}

    /** An offset, clamped into the log's range. */
    record ToOffset(long offset) implements OffsetReset {}

    /** The committed offset moved by {@code shift} (negative to go back), clamped into the log's range. */
    record ShiftBy(long shift) implements OffsetReset {}

    /**
     * The new offset of one partition.
     *
     * @param earliest the partition's earliest offset
     * @param latest its log end offset
     * @param committed the group's committed offset, or null if it has none
     * @param atTime the first offset at or after the {@link ToDatetime} time, or -1 if no record is that recent
     * @throws RefusedException for {@link ShiftBy} when there is no committed offset to shift
     */
    default long target(String partition, long earliest, long latest, @Nullable Long committed, long atTime) {
        long target;
        if (this instanceof ToEarliest) {
            target = earliest;
        } else if (this instanceof ToLatest) {
            target = latest;
        } else if (this instanceof ToDatetime) {
            target = atTime < 0 ? latest : atTime;
        } else if (this instanceof ToOffset toOffset) {
            target = toOffset.offset();
        } else {
            if (committed == null) {
                throw new RefusedException(
                        "cannot shift the offset of " + partition + ": the group has no committed offset there");
            }
            target = committed + ((ShiftBy) this).shift();
        }
        return Math.max(earliest, Math.min(latest, target));
    }

    /**
     * Parses an ISO-8601 time: with an offset or {@code Z} ({@code 2024-05-01T12:00:00Z}, {@code
     * 2024-05-01T12:00:00.000+02:00}), or local ({@code 2024-05-01T12:00:00}) in {@code zone}.
     *
     * @throws DateTimeParseException if it is neither
     */
    static Instant parseTime(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        }
    }
}
