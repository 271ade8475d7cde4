package io.runnel.client.admin;

import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Manages topics, records, configs and consumer groups, as Kafka's {@code Admin}. Every call is asynchronous and returns a result
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

    default ListConsumerGroupsResult listConsumerGroups() {
        return listConsumerGroups(new ListConsumerGroupsOptions());
    }

    /**
     * Lists the consumer groups: every broker lists the groups it coordinates. Groups of other protocol types
     * (Connect workers, share groups) are left out.
     */
    ListConsumerGroupsResult listConsumerGroups(ListConsumerGroupsOptions options);

    default DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds) {
        return describeConsumerGroups(groupIds, new DescribeConsumerGroupsOptions());
    }

    /**
     * Describes consumer groups through their coordinators: state, members and their assignments. A group that does not
     * exist is described in state {@link io.runnel.common.GroupState#DEAD} with no members, or fails with {@link
     * io.runnel.common.errors.GroupIdNotFoundException}, as the coordinator answers; a group of another protocol type
     * fails with {@link IllegalArgumentException}.
     */
    DescribeConsumerGroupsResult describeConsumerGroups(
            Collection<String> groupIds, DescribeConsumerGroupsOptions options);

    default ListConsumerGroupOffsetsResult listConsumerGroupOffsets(String groupId) {
        return listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions());
    }

    /** The committed offsets of one group, for every partition that has one. */
    default ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            String groupId, ListConsumerGroupOffsetsOptions options) {
        return listConsumerGroupOffsets(Map.of(groupId, new ListConsumerGroupOffsetsSpec()), options);
    }

    default ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            Map<String, ListConsumerGroupOffsetsSpec> groupSpecs) {
        return listConsumerGroupOffsets(groupSpecs, new ListConsumerGroupOffsetsOptions());
    }

    /**
     * The committed offsets of several groups, each of some partitions or all; groups with the same coordinator share
     * one request.
     */
    ListConsumerGroupOffsetsResult listConsumerGroupOffsets(
            Map<String, ListConsumerGroupOffsetsSpec> groupSpecs, ListConsumerGroupOffsetsOptions options);

    default AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) {
        return alterConsumerGroupOffsets(groupId, offsets, new AlterConsumerGroupOffsetsOptions());
    }

    /**
     * Sets a group's committed offsets. The coordinator accepts this only while the group has no active members; with
     * members, the partitions fail with {@link io.runnel.common.errors.UnknownMemberIdException}.
     */
    AlterConsumerGroupOffsetsResult alterConsumerGroupOffsets(
            String groupId, Map<TopicPartition, OffsetAndMetadata> offsets, AlterConsumerGroupOffsetsOptions options);

    default DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds) {
        return deleteConsumerGroups(groupIds, new DeleteConsumerGroupsOptions());
    }

    /**
     * Deletes groups and their committed offsets. A group with members fails with {@link
     * io.runnel.common.errors.GroupNotEmptyException}, an unknown one with {@link
     * io.runnel.common.errors.GroupIdNotFoundException}.
     */
    DeleteConsumerGroupsResult deleteConsumerGroups(Collection<String> groupIds, DeleteConsumerGroupsOptions options);

    default DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(
            String groupId, Set<TopicPartition> partitions) {
        return deleteConsumerGroupOffsets(groupId, partitions, new DeleteConsumerGroupOffsetsOptions());
    }

    /**
     * Deletes a group's committed offsets of some partitions. A partition of a topic the group's members subscribe to
     * fails with {@link io.runnel.common.errors.GroupSubscribedToTopicException}.
     */
    DeleteConsumerGroupOffsetsResult deleteConsumerGroupOffsets(
            String groupId, Set<TopicPartition> partitions, DeleteConsumerGroupOffsetsOptions options);

    /** Closes the client, waiting up to {@code default.api.timeout.ms} for calls in progress. */
    @Override
    void close();

    /**
     * Closes the client, waiting up to {@code timeout} for calls in progress; those still pending then fail with
     * {@link io.runnel.common.errors.TimeoutException}. Idempotent.
     */
    void close(Duration timeout);
}
