package io.runnel.broker.partition;

import io.runnel.common.TopicPartition;

/**
 * One partition of a fetch: where to read from and how much.
 *
 * @param topicPartition the partition
 * @param fetchOffset the first offset wanted
 * @param maxBytes the most bytes for this partition ({@code max.partition.fetch.bytes})
 */
public record FetchPartition(TopicPartition topicPartition, long fetchOffset, int maxBytes) {}
