package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#incrementalAlterConfigs}, per resource. */
public final class AlterConfigsResult {
    private final Map<ConfigResource, CompletableFuture<Void>> futures;

    AlterConfigsResult(Map<ConfigResource, CompletableFuture<Void>> futures) {
        this.futures = Map.copyOf(futures);
    }

    public Map<ConfigResource, CompletableFuture<Void>> values() {
        return futures;
    }

    /** Succeeds when every resource was altered. */
    public CompletableFuture<Void> all() {
        return Futures.all(futures);
    }
}
