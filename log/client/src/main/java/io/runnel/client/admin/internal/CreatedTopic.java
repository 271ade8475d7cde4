package io.runnel.client.admin.internal;

import java.util.UUID;

/**
 * What the broker reports for a created topic.
 *
 * @param topicId its id
 * @param numPartitions its partition count
 * @param replicationFactor its replication factor
 */
public record CreatedTopic(UUID topicId, int numPartitions, short replicationFactor) {}
