package io.runnel.client.consumer;

import io.runnel.common.TopicPartition;
import java.util.Collection;

/**
 * Told when the group moves partitions to or from this consumer, as Kafka's {@code ConsumerRebalanceListener}. Every
 * callback runs on the application thread, inside {@code poll} (or {@code close} / {@code unsubscribe}); a callback may
 * use the consumer (commit offsets, seek) but not from another thread. An exception thrown by a callback is rethrown
 * from {@code poll}, wrapped in a {@link io.runnel.common.errors.RunnelException}, after the assignment has changed.
 *
 * <p>With the eager protocol (the {@code range}, {@code roundrobin} and {@code sticky} assignors) every partition is
 * revoked before the consumer rejoins, and the new assignment is passed to {@link #onPartitionsAssigned} afterwards.
 * With the cooperative protocol ({@code cooperative-sticky}) only the partitions that move away are revoked, after the
 * rebalance, and {@link #onPartitionsAssigned} gets only the partitions added (possibly none).
 */
public interface ConsumerRebalanceListener {
    /**
     * Partitions this consumer no longer owns. Commit their offsets here if the application commits itself: the next
     * owner reads from the committed offset.
     */
    void onPartitionsRevoked(Collection<TopicPartition> partitions);

    /** Partitions newly given to this consumer; their positions start at the committed offsets. */
    void onPartitionsAssigned(Collection<TopicPartition> partitions);

    /**
     * Partitions this consumer lost without revoking them: it fell out of the group (session timeout, {@code
     * max.poll.interval.ms} exceeded, fenced), so other members may own them already and committing their offsets would
     * fail. By default the same as {@link #onPartitionsRevoked}.
     */
    default void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }
}
