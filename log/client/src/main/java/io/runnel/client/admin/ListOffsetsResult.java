package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#listOffsets}, per partition. */
public final class ListOffsetsResult {
    private final Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> futures;

    ListOffsetsResult(Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /**
     * The future of one partition.
     *
     * @throws IllegalArgumentException if the partition was not part of the request
     */
    public CompletableFuture<ListOffsetsResultInfo> partitionResult(TopicPartition partition) {
        CompletableFuture<ListOffsetsResultInfo> future = futures.get(partition);
        if (future == null) {
            throw new IllegalArgumentException("partition " + partition + " was not part of the request");
        }
        return future;
    }

    /** Every partition's result, or the first failure. */
    public CompletableFuture<Map<TopicPartition, ListOffsetsResultInfo>> all() {
        return Futures.allOf(futures);
    }

    /**
     * One partition's offset.
     *
     * @param offset the offset found; -1 when no record matches a timestamp
     * @param timestamp the timestamp of the record at that offset, or -1
     * @param leaderEpoch the leader epoch of that record, if known
     */
    public record ListOffsetsResultInfo(long offset, long timestamp, Optional<Integer> leaderEpoch) {}
}
