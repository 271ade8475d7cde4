package io.runnel.broker.group;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups of the {@code __consumer_offsets} partitions this coordinator owns, in memory and in the log: a group's
 * partition is {@code abs(groupId.hashCode()) % partitions}, as in Kafka, so a group written by either broker is found
 * by the other. Loading replays a partition's records (the last record of a key wins, a tombstone deletes).
 *
 * <p>Not thread-safe: owned by the coordinator thread.
 */
final class GroupStore {
    private static final Logger log = LoggerFactory.getLogger(GroupStore.class);

    private final int partitions;
    private final GroupLog groupLog;
    private final Time time;
    private final String logPrefix;
    private final Map<String, ClassicGroup> groups = new HashMap<>();
    private final Set<Integer> owned = new HashSet<>();

    GroupStore(int partitions, GroupLog groupLog, Time time, String logPrefix) {
        this.partitions = partitions;
        this.groupLog = groupLog;
        this.time = time;
        this.logPrefix = logPrefix;
    }

    /** The {@code __consumer_offsets} partition of a group, as Kafka computes it. */
    static int partitionFor(String groupId, int partitionCount) {
        int hash = groupId.hashCode();
        return (hash == Integer.MIN_VALUE ? 0 : Math.abs(hash)) % partitionCount;
    }

    int partitionFor(String groupId) {
        return partitionFor(groupId, partitions);
    }

    boolean owns(int partition) {
        return owned.contains(partition);
    }

    @Nullable
    ClassicGroup get(String groupId) {
        return groups.get(groupId);
    }

    ClassicGroup getOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, partitionFor(id), time.milliseconds()));
    }

    void remove(String groupId) {
        groups.remove(groupId);
    }

    Collection<ClassicGroup> all() {
        return groups.values();
    }

    /** Takes ownership of a partition known to hold nothing (the topic was just created). */
    void ownEmpty(int partition) {
        owned.add(partition);
    }

    /**
     * Replays partition {@code partition} and takes ownership of it.
     *
     * @return the groups loaded
     */
    List<ClassicGroup> load(int partition) {
        Map<String, Map<TopicPartition, GroupRecords.OffsetValue>> offsets = new LinkedHashMap<>();
        Map<String, GroupRecords.@Nullable GroupValue> metadata = new LinkedHashMap<>();
        int[] skipped = {0};
        groupLog.replay(partition, (key, value) -> {
            try {
                replayRecord(key, value, offsets, metadata);
            } catch (RunnelException e) {
                if (skipped[0]++ == 0) {
                    log.warn(
                            "{} Skipping an unreadable record in __consumer_offsets-{}: {}",
                            logPrefix,
                            partition,
                            e.getMessage());
                }
            }
        });
        if (skipped[0] > 1) {
            log.warn("{} Skipped {} unreadable records in __consumer_offsets-{}", logPrefix, skipped[0], partition);
        }
        long now = time.milliseconds();
        List<ClassicGroup> loaded = new ArrayList<>();
        Set<String> ids = new HashSet<>(offsets.keySet());
        metadata.forEach((id, value) -> {
            if (value != null) {
                ids.add(id);
            }
        });
        for (String id : ids) {
            ClassicGroup group = new ClassicGroup(id, partition, now);
            GroupRecords.GroupValue value = metadata.get(id);
            if (value != null) {
                group.restore(value, now);
            }
            group.offsets().putAll(offsets.getOrDefault(id, Map.of()));
            groups.put(id, group);
            loaded.add(group);
        }
        owned.add(partition);
        return loaded;
    }

    private static void replayRecord(
            ByteBuffer key,
            @Nullable ByteBuffer value,
            Map<String, Map<TopicPartition, GroupRecords.OffsetValue>> offsets,
            Map<String, GroupRecords.@Nullable GroupValue> metadata) {
        GroupRecords.Key decoded = GroupRecords.readKey(key);
        if (decoded instanceof GroupRecords.OffsetKey offsetKey) {
            Map<TopicPartition, GroupRecords.OffsetValue> group =
                    offsets.computeIfAbsent(offsetKey.group(), g -> new LinkedHashMap<>());
            if (value == null) {
                group.remove(offsetKey.partition());
                if (group.isEmpty()) {
                    offsets.remove(offsetKey.group());
                }
            } else {
                group.put(offsetKey.partition(), GroupRecords.readOffsetValue(value));
            }
        } else if (decoded instanceof GroupRecords.GroupKey groupKey) {
            metadata.put(groupKey.group(), value == null ? null : GroupRecords.readGroupValue(value));
        }
    }

    /**
     * The error a client can act on for a failed write, as Kafka maps storage errors: it looks for the coordinator
     * again (COORDINATOR_NOT_AVAILABLE, NOT_COORDINATOR) and retries; anything else is UNKNOWN_SERVER_ERROR.
     */
    static Errors storeError(RunnelException e) {
        return switch (Errors.forException(e)) {
            case UNKNOWN_TOPIC_OR_PARTITION, NOT_ENOUGH_REPLICAS, NOT_ENOUGH_REPLICAS_AFTER_APPEND, REQUEST_TIMED_OUT ->
                Errors.COORDINATOR_NOT_AVAILABLE;
            case NOT_LEADER_OR_FOLLOWER, KAFKA_STORAGE_ERROR -> Errors.NOT_COORDINATOR;
            default -> Errors.UNKNOWN_SERVER_ERROR;
        };
    }

    /**
     * Writes the group's current metadata (members and assignments included).
     *
     * @throws RunnelException if the write fails
     */
    void storeGroup(ClassicGroup group) {
        storeGroup(group, group.snapshot());
    }

    /** Writes {@code value} as the group's metadata. */
    void storeGroup(ClassicGroup group, GroupRecords.GroupValue value) {
        append(
                group,
                List.of(new GroupLog.Entry(GroupRecords.groupKey(group.groupId()), GroupRecords.groupValue(value))));
    }

    /** Writes records of a group's partition as one batch. */
    void append(ClassicGroup group, List<GroupLog.Entry> entries) {
        if (!entries.isEmpty()) {
            groupLog.append(group.partition(), entries);
        }
    }
}
