package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#deleteTopics}, per topic. */
public final class DeleteTopicsResult {
    private final Map<String, CompletableFuture<Void>> futures;

    DeleteTopicsResult(Map<String, CompletableFuture<Void>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per topic name, failing with the broker's error (for example {@code UnknownTopicOrPartitionException}). */
    public Map<String, CompletableFuture<Void>> topicNameValues() {
        return futures;
    }

    /** Succeeds when every topic was deleted. */
    public CompletableFuture<Void> all() {
        return Futures.all(futures);
    }
}
