package io.runnel.broker.partition;

import java.util.List;

/**
 * A fetch across partitions, as a Fetch request asks for it.
 *
 * @param partitions partitions in request order
 * @param maxWaitMs how long to wait for {@code minBytes} ({@code fetch.max.wait.ms})
 * @param minBytes answer as soon as this many bytes are available ({@code fetch.min.bytes})
 * @param maxBytes the most bytes for the whole response ({@code fetch.max.bytes}); the first batch is always
 *     returned whole so a consumer makes progress
 * @param fromFollower whether a follower replica is fetching (it may read up to the log end, not only the high
 *     watermark)
 */
public record FetchSpec(
        List<FetchPartition> partitions, long maxWaitMs, int minBytes, int maxBytes, boolean fromFollower) {
    public FetchSpec {
        partitions = List.copyOf(partitions);
        if (maxWaitMs < 0 || minBytes < 0 || maxBytes < 0) {
            throw new IllegalArgumentException("fetch limits must be >= 0: maxWaitMs " + maxWaitMs + ", minBytes "
                    + minBytes + ", maxBytes " + maxBytes);
        }
    }
}
