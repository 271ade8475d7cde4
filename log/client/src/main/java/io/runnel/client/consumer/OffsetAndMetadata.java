package io.runnel.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * A committed offset, as Kafka's {@code OffsetAndMetadata}: the offset of the next record the group should read, the
 * leader epoch of the last record read (if known) and a free-form metadata string the application keeps with it.
 * Immutable.
 *
 * @param offset the next offset to read, at least 0
 * @param leaderEpoch the leader epoch of the record before {@code offset}, if known
 * @param metadata the application's metadata; never null ({@code ""} when none was given)
 */
public record OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, String metadata) {
    public OffsetAndMetadata {
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid negative offset " + offset);
        }
        Objects.requireNonNull(leaderEpoch, "leaderEpoch");
        metadata = Objects.requireNonNullElse(metadata, "");
    }

    /** The offset with no leader epoch and empty metadata. */
    public OffsetAndMetadata(long offset) {
        this(offset, Optional.empty(), "");
    }

    /** The offset with the application's metadata and no leader epoch. */
    public OffsetAndMetadata(long offset, String metadata) {
        this(offset, Optional.empty(), metadata);
    }
}
