package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Per-partition outcomes of a call on one group's offsets (alter, delete). */
final class PartitionResults {
    private final Map<TopicPartition, CompletableFuture<Void>> futures;

    PartitionResults(Map<TopicPartition, CompletableFuture<Void>> futures) {
        this.futures = Map.copyOf(futures);
    }

    CompletableFuture<Void> partition(TopicPartition partition) {
        CompletableFuture<Void> future = futures.get(partition);
        if (future == null) {
            throw new IllegalArgumentException("partition " + partition + " was not part of the request");
        }
        return future;
    }

    CompletableFuture<Void> all() {
        return Futures.all(futures);
    }
}
