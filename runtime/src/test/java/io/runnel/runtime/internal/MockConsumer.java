package io.runnel.runtime.internal;

import io.runnel.client.PartitionInfo;
import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.ConsumerGroupMetadata;
import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.client.consumer.ConsumerRecord;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.OffsetAndTimestamp;
import io.runnel.client.consumer.OffsetCommitCallback;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.WakeupException;
import io.runnel.common.header.RecordHeaders;
import io.runnel.records.TimestampType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory consumer over partition logs the test appends to: poll returns what lies at each assigned, unpaused
 * partition's position (the start of the log when none was set) and never waits. Assign-only: it keeps commits in
 * memory ({@link #committedOffsets()}) and records the listener of {@code subscribe(topics, listener)}, to which a test
 * plays rebalances ({@link #rebalance}, {@link #losePartitions}).
 */
final class MockConsumer implements Consumer<byte[], byte[]> {
    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    private final Set<TopicPartition> assignment = new HashSet<>();
    private final Set<TopicPartition> paused = new HashSet<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private @Nullable ConsumerRebalanceListener listener;
    private boolean wakeup;
    private boolean closed;

    void append(TopicPartition tp, byte @Nullable [] key, byte @Nullable [] value, long timestamp) {
        List<ConsumerRecord<byte[], byte[]>> log = logs.computeIfAbsent(tp, t -> new ArrayList<>());
        log.add(new ConsumerRecord<>(
                tp.topic(),
                tp.partition(),
                log.size(),
                timestamp,
                TimestampType.CREATE_TIME,
                key == null ? -1 : key.length,
                value == null ? -1 : value.length,
                key,
                value,
                new RecordHeaders(),
                Optional.empty()));
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void assign(Collection<TopicPartition> partitions) {
        assignment.clear();
        assignment.addAll(partitions);
        positions.keySet().retainAll(assignment);
        paused.retainAll(assignment);
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        if (wakeup) {
            wakeup = false;
            throw new WakeupException();
        }
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> out = new LinkedHashMap<>();
        for (TopicPartition tp : assignment) {
            if (paused.contains(tp)) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> log = logs.getOrDefault(tp, List.of());
            int from = (int) position(tp);
            if (from < log.size()) {
                out.put(tp, List.copyOf(log.subList(from, log.size())));
                positions.put(tp, (long) log.size());
            }
        }
        return new ConsumerRecords<>(out);
    }

    @Override
    public void seek(TopicPartition partition, long offset) {
        positions.put(partition, offset);
    }

    @Override
    public void seekToBeginning(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> positions.put(tp, 0L));
    }

    @Override
    public void seekToEnd(Collection<TopicPartition> partitions) {
        partitions.forEach(
                tp -> positions.put(tp, (long) logs.getOrDefault(tp, List.of()).size()));
    }

    @Override
    public long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    @Override
    public long position(TopicPartition partition, Duration timeout) {
        return position(partition);
    }

    @Override
    public void pause(Collection<TopicPartition> partitions) {
        paused.addAll(partitions);
    }

    @Override
    public void resume(Collection<TopicPartition> partitions) {
        paused.removeAll(partitions);
    }

    @Override
    public Set<TopicPartition> paused() {
        return Set.copyOf(paused);
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
        Map<TopicPartition, @Nullable OffsetAndTimestamp> out = new HashMap<>();
        timestamps.keySet().forEach(tp -> out.put(tp, null));
        return out;
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndTimestamp> offsetsForTimes(
            Map<TopicPartition, Long> timestamps, Duration timeout) {
        return offsetsForTimes(timestamps);
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach(tp -> out.put(tp, 0L));
        return out;
    }

    @Override
    public Map<TopicPartition, Long> beginningOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return beginningOffsets(partitions);
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> out = new HashMap<>();
        partitions.forEach(
                tp -> out.put(tp, (long) logs.getOrDefault(tp, List.of()).size()));
        return out;
    }

    @Override
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
        return endOffsets(partitions);
    }

    @Override
    public List<PartitionInfo> partitionsFor(String topic) {
        return List.of();
    }

    @Override
    public void wakeup() {
        wakeup = true;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void close(Duration timeout) {
        closed = true;
    }

    /** What was committed, by partition. */
    Map<TopicPartition, OffsetAndMetadata> committedOffsets() {
        return Map.copyOf(committed);
    }

    @Override
    public void subscribe(Collection<String> topics, ConsumerRebalanceListener listener) {
        this.listener = listener;
    }

    /** Plays an eager rebalance to the subscribed listener: all partitions revoked, then {@code next} assigned. */
    void rebalance(Set<TopicPartition> next) {
        ConsumerRebalanceListener l = java.util.Objects.requireNonNull(listener, "not subscribed");
        l.onPartitionsRevoked(Set.copyOf(assignment));
        assign(next);
        l.onPartitionsAssigned(Set.copyOf(next));
    }

    /** Plays the loss of every partition (the member was fenced) to the subscribed listener. */
    void losePartitions() {
        ConsumerRebalanceListener l = java.util.Objects.requireNonNull(listener, "not subscribed");
        l.onPartitionsLost(Set.copyOf(assignment));
        assign(Set.of());
    }

    @Override
    public void subscribe(Collection<String> topics) {
        throw new IllegalStateException("MockConsumer is assign-only");
    }

    @Override
    public void subscribe(Pattern pattern, ConsumerRebalanceListener listener) {
        throw new IllegalStateException("MockConsumer is assign-only");
    }

    @Override
    public void subscribe(Pattern pattern) {
        throw new IllegalStateException("MockConsumer is assign-only");
    }

    @Override
    public void unsubscribe() {
        assignment.clear();
    }

    @Override
    public Set<String> subscription() {
        return Set.of();
    }

    @Override
    public void commitSync() {
        positions.forEach((tp, position) -> committed.put(tp, new OffsetAndMetadata(position)));
    }

    @Override
    public void commitSync(Duration timeout) {
        commitSync();
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        committed.putAll(offsets);
    }

    @Override
    public void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets, Duration timeout) {
        commitSync(offsets);
    }

    @Override
    public void commitAsync() {
        commitSync();
    }

    @Override
    public void commitAsync(@Nullable OffsetCommitCallback callback) {
        commitSync();
        if (callback != null) {
            callback.onComplete(committedOffsets(), null);
        }
    }

    @Override
    public void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable OffsetCommitCallback callback) {
        commitSync(offsets);
        if (callback != null) {
            callback.onComplete(offsets, null);
        }
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndMetadata> committed(Set<TopicPartition> partitions) {
        Map<TopicPartition, @Nullable OffsetAndMetadata> result = new HashMap<>();
        partitions.forEach(tp -> result.put(tp, committed.get(tp)));
        return result;
    }

    @Override
    public Map<TopicPartition, @Nullable OffsetAndMetadata> committed(
            Set<TopicPartition> partitions, Duration timeout) {
        return committed(partitions);
    }

    @Override
    public ConsumerGroupMetadata groupMetadata() {
        throw new IllegalStateException("MockConsumer has no group");
    }

    @Override
    public void enforceRebalance() {}

    @Override
    public void enforceRebalance(@Nullable String reason) {}
}
