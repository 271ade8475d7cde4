package io.runnel.broker.partition;

import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.common.errors.PolicyViolationException;
import io.runnel.common.errors.StorageException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics so that cluster metadata never names a topic whose logs this broker could not create: the topic is
 * written to ZooKeeper, its partitions hosted here get their logs, and if a log cannot be created (the open-files
 * limit, a full disk) the creation is rolled back — the ZooKeeper node deleted, the logs already created deleted —
 * and the caller gets a {@link StorageException} saying what failed and that nothing was created. Without the rollback
 * a topic would describe with a leader, refuse every produce, and trip the next start of the broker.
 *
 * <p>Also enforces {@code max.partitions.per.request}: a request for more partitions creates nothing.
 *
 * <p>Thread-safe (its parts are).
 */
public final class TopicCreation {
    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    private final MetadataStore metadata;
    private final PartitionManager partitions;
    private final int maxPartitionsPerRequest;

    /** @param maxPartitionsPerRequest {@code max.partitions.per.request} */
    public TopicCreation(MetadataStore metadata, PartitionManager partitions, int maxPartitionsPerRequest) {
        if (maxPartitionsPerRequest < 1) {
            throw new IllegalArgumentException("maxPartitionsPerRequest must be >= 1: " + maxPartitionsPerRequest);
        }
        this.metadata = metadata;
        this.partitions = partitions;
        this.maxPartitionsPerRequest = maxPartitionsPerRequest;
    }

    /**
     * Checks that one request may create {@code requested} partitions in all.
     *
     * @throws PolicyViolationException (Kafka's {@code POLICY_VIOLATION}) naming the limit, if it may not
     */
    public void checkPartitionCount(long requested) {
        if (requested > maxPartitionsPerRequest) {
            throw new PolicyViolationException(
                    "the request would create " + requested + " partitions, more than max.partitions.per.request="
                            + maxPartitionsPerRequest + "; nothing was created");
        }
    }

    /**
     * Creates a topic and the logs of its partitions hosted here; on failure nothing of it is left.
     *
     * @return the topic as stored
     * @throws StorageException if a log cannot be created (the creation was rolled back)
     * @throws PolicyViolationException if {@code partitionCount} is over the limit
     * @throws RuntimeException as {@link MetadataStore#createTopic} throws (invalid name, partitions, replication
     *     factor; the topic exists)
     */
    public TopicMetadata create(String name, int partitionCount, int replicationFactor, Map<String, String> configs) {
        checkPartitionCount(partitionCount);
        TopicMetadata created = metadata.createTopic(name, partitionCount, replicationFactor, configs);
        try {
            // Host the new partitions before answering (the ZooKeeper watch would, a moment later), so that a produce
            // right after CreateTopics finds them, and so that a failure is known while it can still be undone.
            partitions.topicChanged(created);
            return created;
        } catch (RuntimeException e) {
            rollBack(name, e);
            throw new StorageException(
                    "cannot create the logs of topic '" + name + "': " + e.getMessage() + "; the topic was not created",
                    e);
        }
    }

    private void rollBack(String name, RuntimeException failure) {
        log.error("Creating the logs of topic {} failed; deleting the topic again", name, failure);
        try {
            metadata.deleteTopic(name);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            log.error("Could not delete the metadata of topic {} after its logs failed", name, e);
        }
        try {
            partitions.topicDeleted(name);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            log.error("Could not delete the logs of topic {} after its creation failed", name, e);
        }
    }
}
