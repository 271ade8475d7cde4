package io.runnel.client.consumer.internal;

import io.runnel.common.TopicPartition;
import io.runnel.protocol.message.ListOffsetsResponse.ListOffsetsPartitionResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * An application's offset query (offsetsForTimes, beginningOffsets, endOffsets) handed to the I/O thread, which sends
 * ListOffsets to each partition's leader, retries retriable errors until the deadline and completes {@link #future}.
 * Owned by the I/O thread once submitted.
 */
public final class OffsetLookup {
    final Map<TopicPartition, Long> timestamps;
    final Map<TopicPartition, ListOffsetsPartitionResponse> results = new HashMap<>();
    final Set<TopicPartition> inFlight = new HashSet<>();
    final long deadlineMs;
    final CompletableFuture<Map<TopicPartition, ListOffsetsPartitionResponse>> future = new CompletableFuture<>();
    long nextAttemptMs;

    @Nullable
    RuntimeException lastError;

    /**
     * @param timestamps per partition: -2 (log start), -1 (log end) or a timestamp
     * @param deadlineMs when the lookup fails with a timeout
     */
    public OffsetLookup(Map<TopicPartition, Long> timestamps, long deadlineMs) {
        this.timestamps = Map.copyOf(timestamps);
        this.deadlineMs = deadlineMs;
    }

    /** Completes with every partition's answer, or fails. */
    public CompletableFuture<Map<TopicPartition, ListOffsetsPartitionResponse>> future() {
        return future;
    }

    Set<String> topics() {
        Set<String> topics = new HashSet<>();
        timestamps.keySet().forEach(tp -> topics.add(tp.topic()));
        return topics;
    }

    boolean isDone() {
        return future.isDone();
    }
}
