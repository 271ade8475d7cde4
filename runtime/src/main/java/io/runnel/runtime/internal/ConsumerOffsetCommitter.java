package io.runnel.runtime.internal;

import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Commits input offsets through a stream thread's group consumer ({@code commitSync}, group {@code application.id}),
 * and reads them back ({@code committed}). The committer for instances that share an application through the
 * consumer group: the coordinator accepts a member's commits only for its current generation, so a commit after the
 * thread lost its partitions fails with {@link io.runnel.client.consumer.CommitFailedException} instead of overwriting
 * the new owner's progress.
 *
 * <p>Not thread-safe: it belongs to the stream thread that owns the consumer, and
 * borrows the consumer (never closes it).
 */
public final class ConsumerOffsetCommitter implements OffsetCommitter {
    private final Consumer<?, ?> consumer;
    private final Duration timeout;

    public ConsumerOffsetCommitter(Consumer<?, ?> consumer, Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        this.consumer = consumer;
        this.timeout = timeout;
    }

    @Override
    public Map<TopicPartition, Long> committed(Set<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        consumer.committed(partitions, timeout).forEach((tp, committed) -> {
            if (committed != null) {
                out.put(tp, committed.offset());
            }
        });
        return out;
    }

    @Override
    public void commit(Map<TopicPartition, Long> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> request = new HashMap<>();
        offsets.forEach((tp, offset) -> request.put(tp, new OffsetAndMetadata(offset)));
        consumer.commitSync(request, timeout);
    }
}
