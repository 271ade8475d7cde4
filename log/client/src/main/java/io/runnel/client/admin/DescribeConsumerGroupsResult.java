package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#describeConsumerGroups}, per group. */
public final class DescribeConsumerGroupsResult {
    private final Map<String, CompletableFuture<ConsumerGroupDescription>> futures;

    DescribeConsumerGroupsResult(Map<String, CompletableFuture<ConsumerGroupDescription>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per group id. */
    public Map<String, CompletableFuture<ConsumerGroupDescription>> describedGroups() {
        return futures;
    }

    /** Every description, or the first failure. */
    public CompletableFuture<Map<String, ConsumerGroupDescription>> all() {
        return Futures.allOf(futures);
    }
}
