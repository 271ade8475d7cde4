package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#deleteRecords}, per partition. */
public final class DeleteRecordsResult {
    private final Map<TopicPartition, CompletableFuture<DeletedRecords>> futures;

    DeleteRecordsResult(Map<TopicPartition, CompletableFuture<DeletedRecords>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per partition with its new low watermark. */
    public Map<TopicPartition, CompletableFuture<DeletedRecords>> lowWatermarks() {
        return futures;
    }

    /** Succeeds when records were deleted from every partition. */
    public CompletableFuture<Void> all() {
        return Futures.all(futures);
    }
}
