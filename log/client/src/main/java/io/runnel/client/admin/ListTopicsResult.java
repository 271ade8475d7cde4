package io.runnel.client.admin;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#listTopics}. */
public final class ListTopicsResult {
    private final CompletableFuture<Map<String, TopicListing>> future;

    ListTopicsResult(CompletableFuture<Map<String, TopicListing>> future) {
        this.future = future;
    }

    /** The listings by topic name. */
    public CompletableFuture<Map<String, TopicListing>> namesToListings() {
        return future;
    }

    public CompletableFuture<Collection<TopicListing>> listings() {
        return future.thenApply(Map::values);
    }

    public CompletableFuture<Set<String>> names() {
        return future.thenApply(Map::keySet);
    }
}
