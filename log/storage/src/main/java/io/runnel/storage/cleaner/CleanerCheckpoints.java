package io.runnel.storage.cleaner;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.StorageException;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first dirty offset of each compacted partition, kept as Kafka keeps it: a {@code cleaner-offset-checkpoint}
 * file in each log directory (the parent of the partition directories). A directory's file is read the first time one
 * of its partitions is looked up, and rewritten whole after each clean of one of them.
 *
 * <p>Not thread-safe: the {@link CleaningCoordinator}'s lock guards it.
 */
final class CleanerCheckpoints {
    private static final Logger log = LoggerFactory.getLogger(CleanerCheckpoints.class);

    /** The file name, Kafka's. */
    static final String FILE_NAME = "cleaner-offset-checkpoint";

    private final Map<Path, Map<TopicPartition, Long>> byDir = new HashMap<>();

    /** The checkpointed first dirty offset of {@code partition} in log directory {@code dir}, or -1 if none. */
    long get(Path dir, TopicPartition partition) {
        return offsets(dir).getOrDefault(partition, -1L);
    }

    /**
     * Records {@code offset} for {@code partition} and rewrites the directory's file, dropping partitions not in
     * {@code live} (their logs were deleted).
     *
     * @throws StorageException if the file cannot be written
     */
    void update(Path dir, TopicPartition partition, long offset, Set<TopicPartition> live) {
        Map<TopicPartition, Long> offsets = offsets(dir);
        offsets.keySet().retainAll(live);
        offsets.put(partition, offset);
        new OffsetCheckpointFile(dir.resolve(FILE_NAME)).write(offsets);
    }

    /**
     * Forgets {@code partition}, as when its log is deleted, and rewrites the file.
     *
     * @throws StorageException if the file cannot be written
     */
    void remove(Path dir, TopicPartition partition) {
        Map<TopicPartition, Long> offsets = offsets(dir);
        if (offsets.remove(partition) != null) {
            new OffsetCheckpointFile(dir.resolve(FILE_NAME)).write(offsets);
        }
    }

    private Map<TopicPartition, Long> offsets(Path dir) {
        return byDir.computeIfAbsent(dir, CleanerCheckpoints::read);
    }

    private static Map<TopicPartition, Long> read(Path dir) {
        OffsetCheckpointFile file = new OffsetCheckpointFile(dir.resolve(FILE_NAME));
        try {
            return new HashMap<>(file.read());
        } catch (StorageException e) {
            // As Kafka does: an unreadable checkpoint costs a full re-clean, not an offline directory.
            log.warn(
                    "Ignoring unreadable cleaner checkpoint {}; logs in {} will be cleaned from their start",
                    file.file(),
                    dir,
                    e);
            return new HashMap<>();
        }
    }
}
