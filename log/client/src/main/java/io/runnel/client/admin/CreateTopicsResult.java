package io.runnel.client.admin;

import io.runnel.client.admin.internal.CreatedTopic;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#createTopics}, per topic. */
public final class CreateTopicsResult {
    private final Map<String, CompletableFuture<CreatedTopic>> futures;

    CreateTopicsResult(Map<String, CompletableFuture<CreatedTopic>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per topic, failing with the broker's error for it (for example {@code TopicExistsException}). */
    public Map<String, CompletableFuture<Void>> values() {
        return Futures.voids(futures);
    }

    /** Succeeds when every topic was created. */
    public CompletableFuture<Void> all() {
        return Futures.all(futures);
    }

    /** The topic's partition count as created. */
    public CompletableFuture<Integer> numPartitions(String topic) {
        return future(topic).thenApply(CreatedTopic::numPartitions);
    }

    /** The topic's replication factor as created. */
    public CompletableFuture<Integer> replicationFactor(String topic) {
        return future(topic).thenApply(created -> (int) created.replicationFactor());
    }

    /** The topic's id. */
    public CompletableFuture<UUID> topicId(String topic) {
        return future(topic).thenApply(CreatedTopic::topicId);
    }

    private CompletableFuture<CreatedTopic> future(String topic) {
        CompletableFuture<CreatedTopic> future = futures.get(topic);
        if (future == null) {
            throw new IllegalArgumentException("topic " + topic + " was not part of the request");
        }
        return future;
    }
}
