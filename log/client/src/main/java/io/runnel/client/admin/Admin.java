package io.runnel.client.admin;

import io.runnel.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;

/**
 * Manages topics, records and configs, as Kafka's {@code Admin}. Every call is asynchronous and returns a result
 * holding {@link java.util.concurrent.CompletableFuture}s (where Kafka returns {@code KafkaFuture}s): {@code get()}
 * throws an {@link java.util.concurrent.ExecutionException} whose cause is the typed error, as with Kafka. A call that
 * cannot complete within its timeout ({@code default.api.timeout.ms}, or the options' {@code timeoutMs}) fails with
 * {@link io.runnel.common.errors.TimeoutException}.
 *
 * <p>Thread-safe. Create with {@link #create(Properties)}; {@link #close()} when done.
 */
public interface Admin extends AutoCloseable {
    /**
     * An admin client configured from Kafka-named properties.
     *
     * @throws io.runnel.common.errors.InvalidConfigurationException naming a bad value
     */
    static Admin create(Properties properties) {
        return new RunnelAdmin(AdminConfig.fromProperties(properties));
    }

    /** As {@link #create(Properties)}. */
    static Admin create(Map<String, ?> config) {
        return new RunnelAdmin(AdminConfig.fromMap(config));
    }

    /** An admin client with a typed configuration. */
    static Admin create(AdminConfig config) {
        return new RunnelAdmin(config);
    }

    default CreateTopicsResult createTopics(Collection<NewTopic> newTopics) {
        return createTopics(newTopics, new CreateTopicsOptions());
    }

    /** Creates topics; each future fails with the broker's error for that topic. */
    CreateTopicsResult createTopics(Collection<NewTopic> newTopics, CreateTopicsOptions options);

    default DeleteTopicsResult deleteTopics(Collection<String> topics) {
        return deleteTopics(topics, new DeleteTopicsOptions());
    }

    /** Deletes topics by name. */
    DeleteTopicsResult deleteTopics(Collection<String> topics, DeleteTopicsOptions options);

    default ListTopicsResult listTopics() {
        return listTopics(new ListTopicsOptions());
    }

    /** Lists the cluster's topics. */
    ListTopicsResult listTopics(ListTopicsOptions options);

    default DescribeTopicsResult describeTopics(Collection<String> topicNames) {
        return describeTopics(topicNames, new DescribeTopicsOptions());
    }

    /** Describes topics: partitions, leaders, replicas. */
    DescribeTopicsResult describeTopics(Collection<String> topicNames, DescribeTopicsOptions options);

    default DescribeClusterResult describeCluster() {
        return describeCluster(new DescribeClusterOptions());
    }

    /** The cluster's brokers, controller and id. */
    DescribeClusterResult describeCluster(DescribeClusterOptions options);

    default ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets) {
        return listOffsets(topicPartitionOffsets, new ListOffsetsOptions());
    }

    /** Looks up offsets: earliest, latest, by timestamp, or of the largest timestamp. */
    ListOffsetsResult listOffsets(Map<TopicPartition, OffsetSpec> topicPartitionOffsets, ListOffsetsOptions options);

    default DeleteRecordsResult deleteRecords(Map<TopicPartition, RecordsToDelete> recordsToDelete) {
        return deleteRecords(recordsToDelete, new DeleteRecordsOptions());
    }

    /** Deletes the records below the given offsets (moves the log start offsets). */
    DeleteRecordsResult deleteRecords(
            Map<TopicPartition, RecordsToDelete> recordsToDelete, DeleteRecordsOptions options);

    default DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources) {
        return describeConfigs(resources, new DescribeConfigsOptions());
    }

    /** The configs of topics or brokers. */
    DescribeConfigsResult describeConfigs(Collection<ConfigResource> resources, DescribeConfigsOptions options);

    default AlterConfigsResult incrementalAlterConfigs(Map<ConfigResource, Collection<AlterConfigOp>> configs) {
        return incrementalAlterConfigs(configs, new AlterConfigsOptions());
    }

    /** Sets, deletes, appends to or subtracts from configs of topics or brokers. */
    AlterConfigsResult incrementalAlterConfigs(
            Map<ConfigResource, Collection<AlterConfigOp>> configs, AlterConfigsOptions options);

    /** Closes the client, waiting up to {@code default.api.timeout.ms} for calls in progress. */
    @Override
    void close();

    /**
     * Closes the client, waiting up to {@code timeout} for calls in progress; those still pending then fail with
     * {@link io.runnel.common.errors.TimeoutException}. Idempotent.
     */
    void close(Duration timeout);
}
