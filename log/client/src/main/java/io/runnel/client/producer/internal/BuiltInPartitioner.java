package io.runnel.client.producer.internal;

import io.runnel.client.PartitionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's default partitioning: a keyed record goes to {@code murmur2(key) % partitions}; a keyless one (or every
 * record with {@code partitioner.ignore.keys}) to the topic's current sticky partition, which changes to another,
 * randomly chosen partition with a leader once {@code batch.size} bytes were sent to it, so that keyless records form
 * full batches (KIP-480, KIP-794). Thread-safe.
 */
public final class BuiltInPartitioner {
    private final int batchSize;
    private final boolean ignoreKeys;
    private final ConcurrentHashMap<String, Sticky> sticky = new ConcurrentHashMap<>();

    /** A topic's sticky partition and the bytes sent to it so far; guarded by its own monitor. */
    private static final class Sticky {
        int partition = -1;
        long bytes;
    }

    public BuiltInPartitioner(int batchSize, boolean ignoreKeys) {
        this.batchSize = batchSize;
        this.ignoreKeys = ignoreKeys;
    }

    /**
     * The partition for a record of {@code recordBytes} bytes.
     *
     * @param partitions the topic's partitions by index, not empty
     */
    public int partition(String topic, byte @Nullable [] keyBytes, int recordBytes, List<PartitionInfo> partitions) {
        if (keyBytes != null && !ignoreKeys) {
            return Murmur2.partition(keyBytes, partitions.size());
        }
        Sticky state = sticky.computeIfAbsent(topic, t -> new Sticky());
        synchronized (state) {
            if (state.partition < 0 || state.bytes >= batchSize || state.partition >= partitions.size()) {
                state.partition = nextPartition(partitions, state.partition);
                state.bytes = 0;
            }
            state.bytes += recordBytes;
            return state.partition;
        }
    }

    private static int nextPartition(List<PartitionInfo> partitions, int previous) {
        List<Integer> available = new ArrayList<>(partitions.size());
        for (PartitionInfo info : partitions) {
            if (info.leader() != null && info.partition() != previous) {
                available.add(info.partition());
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (available.isEmpty()) {
            return random.nextInt(partitions.size());
        }
        return available.get(random.nextInt(available.size()));
    }
}
