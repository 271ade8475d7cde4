package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#deleteConsumerGroupOffsets}, per partition. */
public final class DeleteConsumerGroupOffsetsResult {
    private final PartitionResults results;

    DeleteConsumerGroupOffsetsResult(Map<TopicPartition, CompletableFuture<Void>> futures) {
        this.results = new PartitionResults(futures);
    }

    /**
     * The outcome for one partition.
     *
     * @throws IllegalArgumentException if the partition was not part of the request
     */
    public CompletableFuture<Void> partitionResult(TopicPartition partition) {
        return results.partition(partition);
    }

    /** Completes when every partition succeeded, or with the first failure. */
    public CompletableFuture<Void> all() {
        return results.all();
    }
}
