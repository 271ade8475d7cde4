package io.runnel.client.admin;

/**
 * The outcome of deleting records from a partition, as Kafka's {@code DeletedRecords}.
 *
 * @param lowWatermark the partition's new log start offset
 */
public record DeletedRecords(long lowWatermark) {}
