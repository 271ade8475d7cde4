package io.runnel.client.admin;

/**
 * How far to delete a partition's records, as Kafka's {@code RecordsToDelete}. Immutable.
 *
 * @param beforeOffset records below this offset are deleted; -1 for the high watermark
 */
public record RecordsToDelete(long beforeOffset) {
    public RecordsToDelete {
        if (beforeOffset < -1) {
            throw new IllegalArgumentException("beforeOffset must be >= -1: " + beforeOffset);
        }
    }

    /** Deletes the records below {@code offset}. */
    public static RecordsToDelete beforeOffset(long offset) {
        return new RecordsToDelete(offset);
    }
}
