package io.runnel.streams.processor;

import io.runnel.common.TopicPartition;

/**
 * Hears how stores are restored from their changelogs, as Kafka's interface of the same name. Set one for the whole
 * client with {@code RunnelStreams.setGlobalStateRestoreListener}.
 *
 * <p>Called on the stream thread that restores the store, so it must be quick and thread-safe across threads.
 */
public interface StateRestoreListener {

    /**
     * Restoration of one store from one changelog partition starts.
     *
     * @param startingOffset the first changelog offset to read
     * @param endingOffset the changelog's end offset when restoration started (exclusive)
     */
    void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset);

    /**
     * A batch of changelog records was applied to the store.
     *
     * @param batchEndOffset the offset of the batch's last record
     * @param numRestored the records in the batch
     */
    void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored);

    /** The store is restored; {@code totalRestored} records were applied. */
    void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored);
}
