package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#deleteConsumerGroups}, per group. */
public final class DeleteConsumerGroupsResult {
    private final Map<String, CompletableFuture<Void>> futures;

    DeleteConsumerGroupsResult(Map<String, CompletableFuture<Void>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per group id. */
    public Map<String, CompletableFuture<Void>> deletedGroups() {
        return futures;
    }

    /** Completes when every group was deleted, or with the first failure. */
    public CompletableFuture<Void> all() {
        return Futures.all(futures);
    }
}
