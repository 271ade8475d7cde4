package io.runnel.protocol;

import io.runnel.protocol.message.CreateTopicsRequest;
import io.runnel.protocol.message.CreateTopicsResponse;
import io.runnel.protocol.message.DeleteRecordsRequest;
import io.runnel.protocol.message.DeleteRecordsResponse;
import io.runnel.protocol.message.DeleteTopicsRequest;
import io.runnel.protocol.message.DeleteTopicsResponse;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeConfigsResponse;
import io.runnel.protocol.message.DescribeGroupsRequest;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.IncrementalAlterConfigsRequest;
import io.runnel.protocol.message.IncrementalAlterConfigsResponse;
import io.runnel.protocol.message.ListGroupsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The administrative side of {@link LoopbackBroker}: topic creation and deletion, topic configs, record deletion and
 * group listing, each answered with success and remembered in plain maps. Every method is called under the broker's
 * lock.
 */
final class LoopbackAdminApis {
    private static final byte TOPIC_CONFIG_SOURCE = 1;
    private static final byte STRING_CONFIG_TYPE = 2;

    private final Map<String, Map<String, String>> topicConfigs = new TreeMap<>();
    private final List<String> deletedTopics = new ArrayList<>();

    LoopbackAdminApis() {
        topicConfigs.put(LoopbackBroker.TOPIC, new TreeMap<>(Map.of("cleanup.policy", "delete")));
    }

    CreateTopicsResponse createTopics(CreateTopicsRequest request) {
        List<CreateTopicsResponse.CreatableTopicResult> results = new ArrayList<>();
        for (CreateTopicsRequest.CreatableTopic topic : request.topics()) {
            Map<String, String> configs = new TreeMap<>();
            List<CreateTopicsResponse.CreatableTopicConfigs> echoed = new ArrayList<>();
            for (CreateTopicsRequest.CreatableTopicConfig config : topic.configs()) {
                configs.put(config.name(), config.value());
                echoed.add(new CreateTopicsResponse.CreatableTopicConfigs(
                        config.name(), config.value(), false, TOPIC_CONFIG_SOURCE, false));
            }
            topicConfigs.put(topic.name(), configs);
            results.add(new CreateTopicsResponse.CreatableTopicResult(
                    topic.name(),
                    new UUID(21, results.size()),
                    (short) 0,
                    null,
                    (short) 0,
                    topic.numPartitions(),
                    topic.replicationFactor(),
                    echoed));
        }
        return new CreateTopicsResponse(0, results);
    }

    DeleteTopicsResponse deleteTopics(DeleteTopicsRequest request) {
        List<DeleteTopicsResponse.DeletableTopicResult> results = new ArrayList<>();
        for (DeleteTopicsRequest.DeleteTopicState topic : request.topics()) {
            deletedTopics.add(String.valueOf(topic.name()));
            topicConfigs.remove(topic.name());
            results.add(new DeleteTopicsResponse.DeletableTopicResult(topic.name(), topic.topicId(), (short) 0, null));
        }
        return new DeleteTopicsResponse(0, results);
    }

    DescribeConfigsResponse describeConfigs(DescribeConfigsRequest request) {
        List<DescribeConfigsResponse.DescribeConfigsResult> results = new ArrayList<>();
        for (DescribeConfigsRequest.DescribeConfigsResource resource : request.resources()) {
            List<DescribeConfigsResponse.DescribeConfigsResourceResult> configs = new ArrayList<>();
            topicConfigs
                    .getOrDefault(resource.resourceName(), Map.of())
                    .forEach((name, value) -> configs.add(new DescribeConfigsResponse.DescribeConfigsResourceResult(
                            name, value, false, TOPIC_CONFIG_SOURCE, false, List.of(), STRING_CONFIG_TYPE, null)));
            results.add(new DescribeConfigsResponse.DescribeConfigsResult(
                    (short) 0, null, resource.resourceType(), resource.resourceName(), configs));
        }
        return new DescribeConfigsResponse(0, results);
    }

    IncrementalAlterConfigsResponse alterConfigs(IncrementalAlterConfigsRequest request) {
        List<IncrementalAlterConfigsResponse.AlterConfigsResourceResponse> results = new ArrayList<>();
        for (IncrementalAlterConfigsRequest.AlterConfigsResource resource : request.resources()) {
            Map<String, String> configs =
                    topicConfigs.computeIfAbsent(resource.resourceName(), name -> new TreeMap<>());
            for (IncrementalAlterConfigsRequest.AlterableConfig config : resource.configs()) {
                if (config.configOperation() == 1) { // DELETE
                    configs.remove(config.name());
                } else {
                    configs.put(config.name(), config.value());
                }
            }
            results.add(new IncrementalAlterConfigsResponse.AlterConfigsResourceResponse(
                    (short) 0, null, resource.resourceType(), resource.resourceName()));
        }
        return new IncrementalAlterConfigsResponse(0, results);
    }

    DeleteRecordsResponse deleteRecords(DeleteRecordsRequest request) {
        List<DeleteRecordsResponse.DeleteRecordsTopicResult> results = new ArrayList<>();
        for (DeleteRecordsRequest.DeleteRecordsTopic topic : request.topics()) {
            List<DeleteRecordsResponse.DeleteRecordsPartitionResult> partitions = new ArrayList<>();
            for (DeleteRecordsRequest.DeleteRecordsPartition partition : topic.partitions()) {
                partitions.add(new DeleteRecordsResponse.DeleteRecordsPartitionResult(
                        partition.partitionIndex(), partition.offset(), (short) 0));
            }
            results.add(new DeleteRecordsResponse.DeleteRecordsTopicResult(topic.name(), partitions));
        }
        return new DeleteRecordsResponse(0, results);
    }

    ListGroupsResponse listGroups() {
        return new ListGroupsResponse(
                0,
                (short) 0,
                List.of(new ListGroupsResponse.ListedGroup(
                        LoopbackGroupCoordinator.GROUP_ID, "consumer", "Empty", "classic")));
    }

    DescribeGroupsResponse describeGroups(DescribeGroupsRequest request) {
        List<DescribeGroupsResponse.DescribedGroup> groups = new ArrayList<>();
        for (String group : request.groups()) {
            groups.add(new DescribeGroupsResponse.DescribedGroup(
                    (short) 0, group, "Empty", "consumer", "", List.of(), Integer.MIN_VALUE));
        }
        return new DescribeGroupsResponse(0, groups);
    }

    /** The configs of a topic as the admin APIs left them. */
    Map<String, String> topicConfigs(String topic) {
        return Map.copyOf(topicConfigs.getOrDefault(topic, Map.of()));
    }

    List<String> deletedTopics() {
        return List.copyOf(deletedTopics);
    }
}
