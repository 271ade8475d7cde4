package io.runnel.client.consumer;

import io.runnel.common.TopicPartition;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Told the outcome of an asynchronous commit, as Kafka's {@code OffsetCommitCallback}. Runs on the application thread,
 * inside a later {@code poll}, {@code commitSync}, {@code commitAsync} or {@code close} of the same consumer.
 */
@FunctionalInterface
public interface OffsetCommitCallback {
    /**
     * The commit completed.
     *
     * @param offsets the offsets that were to be committed
     * @param exception null on success; otherwise {@link CommitFailedException} (the consumer is no longer part of the
     *     group), {@link RetriableCommitFailedException} (a transient failure: a later commit may succeed), {@link
     *     io.runnel.common.errors.RebalanceInProgressException}, or another error of the broker
     */
    void onComplete(Map<TopicPartition, OffsetAndMetadata> offsets, @Nullable Exception exception);
}
