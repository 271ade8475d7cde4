package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#describeConfigs}, per resource. */
public final class DescribeConfigsResult {
    private final Map<ConfigResource, CompletableFuture<Config>> futures;

    DescribeConfigsResult(Map<ConfigResource, CompletableFuture<Config>> futures) {
        this.futures = Map.copyOf(futures);
    }

    public Map<ConfigResource, CompletableFuture<Config>> values() {
        return futures;
    }

    /** Every resource's configs, or the first failure. */
    public CompletableFuture<Map<ConfigResource, Config>> all() {
        return Futures.allOf(futures);
    }
}
