package io.runnel.client.consumer;

import io.runnel.common.errors.RunnelException;

/**
 * An offset commit cannot complete because the consumer is no longer part of the active generation of its group: the
 * group rebalanced without it (typically because {@code poll} was not called within {@code max.poll.interval.ms}) and
 * its partitions may belong to another member now. Not retriable, as Kafka's {@code CommitFailedException}.
 */
public class CommitFailedException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public CommitFailedException(String message) {
        super(message);
    }

    /** With Kafka's explanation. */
    public CommitFailedException() {
        this("Commit cannot be completed since the group has already rebalanced and assigned the partitions to another"
                + " member. This means that the time between subsequent calls to poll() was longer than the"
                + " configured max.poll.interval.ms, which typically implies that the poll loop is spending too much"
                + " time message processing. You can address this either by increasing max.poll.interval.ms or by"
                + " reducing the maximum size of batches returned in poll() with max.poll.records.");
    }
}
