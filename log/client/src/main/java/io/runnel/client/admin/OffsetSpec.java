package io.runnel.client.admin;

/**
 * Which offset {@link Admin#listOffsets} looks up, as Kafka's {@code OffsetSpec}. Immutable.
 *
 * @param timestamp Kafka's encoding: -2 earliest, -1 latest, -3 the record with the largest timestamp, or a
 *     timestamp (the first offset whose timestamp is at least it)
 */
public record OffsetSpec(long timestamp) {
    static final long EARLIEST = -2L;
    static final long LATEST = -1L;
    static final long MAX_TIMESTAMP = -3L;

    public OffsetSpec {
        if (timestamp < MAX_TIMESTAMP) {
            throw new IllegalArgumentException("timestamp must be >= 0 (or one of -1, -2, -3): " + timestamp);
        }
    }

    /** The log start offset. */
    public static OffsetSpec earliest() {
        return new OffsetSpec(EARLIEST);
    }

    /** The log end offset (high watermark). */
    public static OffsetSpec latest() {
        return new OffsetSpec(LATEST);
    }

    /** The offset of the record with the largest timestamp. */
    public static OffsetSpec maxTimestamp() {
        return new OffsetSpec(MAX_TIMESTAMP);
    }

    /** The first offset whose timestamp is at least {@code timestamp}. */
    public static OffsetSpec forTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0: " + timestamp);
        }
        return new OffsetSpec(timestamp);
    }
}
