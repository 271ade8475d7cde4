package io.runnel.client.consumer;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A committed offset, as Kafka's {@code OffsetAndMetadata}: the offset of the next record to read, the leader epoch of
 * the last record read (if known) and a free-form metadata string. Immutable.
 */
public final class OffsetAndMetadata {
    private final long offset;
    private final @Nullable Integer leaderEpoch;
    private final String metadata;

    /**
     * @param offset the offset of the next record to read, {@code >= 0}
     * @param leaderEpoch the leader epoch of the last record read, if known
     * @param metadata free-form text stored with the offset; null is stored as the empty string
     * @throws IllegalArgumentException if {@code offset} is negative
     */
    public OffsetAndMetadata(long offset, Optional<Integer> leaderEpoch, @Nullable String metadata) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0: " + offset);
        }
        this.offset = offset;
        this.leaderEpoch = leaderEpoch.orElse(null);
        this.metadata = metadata == null ? "" : metadata;
    }

    /** An offset with metadata and no leader epoch. */
    public OffsetAndMetadata(long offset, @Nullable String metadata) {
        this(offset, Optional.empty(), metadata);
    }

    /** An offset with empty metadata and no leader epoch. */
    public OffsetAndMetadata(long offset) {
        this(offset, "");
    }

    public long offset() {
        return offset;
    }

    public String metadata() {
        return metadata;
    }

    /** The leader epoch of the last record read, if known; empty also for a negative epoch. */
    public Optional<Integer> leaderEpoch() {
        return leaderEpoch == null || leaderEpoch < 0 ? Optional.empty() : Optional.of(leaderEpoch);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof OffsetAndMetadata that
                && offset == that.offset
                && Objects.equals(leaderEpoch, that.leaderEpoch)
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, leaderEpoch, metadata);
    }

    @Override
    public String toString() {
        return "OffsetAndMetadata{offset=" + offset + ", leaderEpoch=" + leaderEpoch + ", metadata='" + metadata + "'}";
    }
}
