package io.runnel.client.consumer;

import java.util.Objects;
import java.util.Optional;

/**
 * An offset found by timestamp, as Kafka's {@code OffsetAndTimestamp}. Immutable.
 *
 * @param offset the first offset whose record's timestamp is at least the one asked for
 * @param timestamp that record's timestamp
 * @param leaderEpoch its leader epoch, if known
 */
public record OffsetAndTimestamp(long offset, long timestamp, Optional<Integer> leaderEpoch) {
    public OffsetAndTimestamp {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        Objects.requireNonNull(leaderEpoch, "leaderEpoch");
    }

    public OffsetAndTimestamp(long offset, long timestamp) {
        this(offset, timestamp, Optional.empty());
    }
}
