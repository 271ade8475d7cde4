package io.runnel.client.admin;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The outcome of {@link Admin#describeTopics}, per topic. */
public final class DescribeTopicsResult {
    private final Map<String, CompletableFuture<TopicDescription>> futures;

    DescribeTopicsResult(Map<String, CompletableFuture<TopicDescription>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /** A future per topic name; an unknown topic fails with {@code UnknownTopicOrPartitionException}. */
    public Map<String, CompletableFuture<TopicDescription>> topicNameValues() {
        return futures;
    }

    /** Every description, or the first failure. */
    public CompletableFuture<Map<String, TopicDescription>> allTopicNames() {
        return Futures.allOf(futures);
    }
}
