package io.runnel.state;

import java.util.List;

/**
 * Reads a store's changelog partition for restoration. The runtime implements it with a consumer assigned to the
 * partition; tests with a list.
 */
@FunctionalInterface
public interface ChangelogReader {
    /**
     * The records from {@code fromOffset} on, at most {@code maxRecords}, in offset order; empty at the end of the
     * partition (its end offset when restoration started).
     */
    List<ChangelogRecord> read(String storeName, long fromOffset, int maxRecords);
}
