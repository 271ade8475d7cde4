package io.runnel.state.testsupport;

import io.runnel.common.utils.Bytes;
import io.runnel.state.ChangelogReader;
import io.runnel.state.ChangelogRecord;
import io.runnel.state.ChangelogWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** An in-memory changelog: one partition per store, offsets from 0. A writer for stores, a reader for restores. */
public final class RecordingChangelog implements ChangelogWriter, ChangelogReader {
    private final Map<String, List<ChangelogRecord>> partitions = new TreeMap<>();

    @Override
    public void log(String storeName, Bytes key, byte @Nullable [] value, long timestamp) {
        List<ChangelogRecord> partition = partitions.computeIfAbsent(storeName, n -> new ArrayList<>());
        partition.add(new ChangelogRecord(
                Bytes.wrap(key.get().clone()), value == null ? null : value.clone(), timestamp, partition.size()));
    }

    @Override
    public List<ChangelogRecord> read(String storeName, long fromOffset, int maxRecords) {
        List<ChangelogRecord> partition = partitions.getOrDefault(storeName, List.of());
        int from = (int) Math.min(fromOffset, partition.size());
        return List.copyOf(partition.subList(from, Math.min(partition.size(), from + maxRecords)));
    }

    public List<ChangelogRecord> records(String storeName) {
        return List.copyOf(partitions.getOrDefault(storeName, List.of()));
    }

    /** The offset of the last record of each partition, as a producer would acknowledge. */
    public Map<String, Long> endOffsets() {
        Map<String, Long> ends = new TreeMap<>();
        partitions.forEach((store, records) -> {
            if (!records.isEmpty()) {
                ends.put(store, (long) records.size() - 1);
            }
        });
        return ends;
    }
}
