package io.runnel.client.admin;

import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Admin#listConsumerGroupOffsets}: per group, the committed offset of each partition. A
 * partition asked for by name that has no committed offset maps to null, as with Kafka.
 */
public final class ListConsumerGroupOffsetsResult {
    private final Map<String, CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>>> futures;

    ListConsumerGroupOffsetsResult(
            Map<String, CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>>> futures) {
        this.futures = Map.copyOf(futures);
    }

    /**
     * The offsets of the one group asked for.
     *
     * @throws IllegalStateException if the call listed several groups
     */
    public CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> partitionsToOffsetAndMetadata() {
        if (futures.size() != 1) {
            throw new IllegalStateException(
                    "partitionsToOffsetAndMetadata() needs exactly one group; the call listed " + futures.size());
        }
        return futures.values().iterator().next();
    }

    /**
     * The offsets of one group.
     *
     * @throws IllegalArgumentException if the group was not part of the request
     */
    public CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> partitionsToOffsetAndMetadata(
            String groupId) {
        CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> future = futures.get(groupId);
        if (future == null) {
            throw new IllegalArgumentException("group " + groupId + " was not part of the request");
        }
        return future;
    }

    /** Every group's offsets, or the first failure. */
    public CompletableFuture<Map<String, Map<TopicPartition, @Nullable OffsetAndMetadata>>> all() {
        return Futures.allOf(futures);
    }
}
