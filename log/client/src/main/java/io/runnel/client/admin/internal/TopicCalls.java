package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.admin.NewTopic;
import io.runnel.client.admin.TopicDescription;
import io.runnel.client.admin.TopicListing;
import io.runnel.client.admin.TopicPartitionInfo;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.CreateTopicsRequest;
import io.runnel.protocol.message.CreateTopicsResponse;
import io.runnel.protocol.message.DeleteTopicsRequest;
import io.runnel.protocol.message.DeleteTopicsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The topic calls: create, delete, list, describe. */
public final class TopicCalls {
    private static final UUID NO_TOPIC_ID = new UUID(0L, 0L);

    private TopicCalls() {}

    /** Creates {@code topics} on the controller; per-topic retriable errors are retried for those topics only. */
    public static Call createTopics(
            Collection<NewTopic> topics,
            boolean validateOnly,
            Map<String, CompletableFuture<CreatedTopic>> futures,
            long deadlineMs) {
        List<NewTopic> toCreate = List.copyOf(topics);
        return new Call("CreateTopics", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.controller();
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.CREATE_TOPICS;
            }

            @Override
            protected Message request(int timeoutMs) {
                List<CreateTopicsRequest.CreatableTopic> creatable = new ArrayList<>(toCreate.size());
                for (NewTopic topic : toCreate) {
                    List<CreateTopicsRequest.CreatableReplicaAssignment> assignments = new ArrayList<>();
                    topic.replicasAssignments()
                            .forEach((partition, brokers) -> assignments.add(
                                    new CreateTopicsRequest.CreatableReplicaAssignment(partition, brokers)));
                    List<CreateTopicsRequest.CreatableTopicConfig> configs = new ArrayList<>();
                    topic.configs()
                            .forEach((key, value) ->
                                    configs.add(new CreateTopicsRequest.CreatableTopicConfig(key, value)));
                    creatable.add(new CreateTopicsRequest.CreatableTopic(
                            topic.name(), topic.numPartitions(), topic.replicationFactor(), assignments, configs));
                }
                return new CreateTopicsRequest(creatable, timeoutMs, validateOnly);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                Map<String, NewTopic> byName = new HashMap<>();
                toCreate.forEach(topic -> byName.put(topic.name(), topic));
                List<NewTopic> retry = new ArrayList<>();
                RunnelException retryCause = null;
                for (CreateTopicsResponse.CreatableTopicResult result : ((CreateTopicsResponse) response).topics()) {
                    CompletableFuture<CreatedTopic> future = futures.get(result.name());
                    NewTopic requested = byName.remove(result.name());
                    if (future == null || requested == null) {
                        continue;
                    }
                    RunnelException error = AdminErrors.exception(result.errorCode(), result.errorMessage());
                    if (error == null) {
                        future.complete(
                                new CreatedTopic(result.topicId(), result.numPartitions(), result.replicationFactor()));
                    } else if (AdminErrors.retriable(result.errorCode())
                            || result.errorCode() == Errors.NOT_CONTROLLER.code()) {
                        retry.add(requested);
                        retryCause = error;
                    } else {
                        future.completeExceptionally(error);
                    }
                }
                for (NewTopic missing : byName.values()) {
                    Call.required(futures, missing.name())
                            .completeExceptionally(
                                    new RunnelException("the broker did not answer for topic " + missing.name()));
                }
                if (!retry.isEmpty() && retryCause != null) {
                    runner.retryLater(createTopics(retry, validateOnly, futures, deadlineMs), retryCause);
                }
            }

            @Override
            protected void fail(Throwable error) {
                toCreate.forEach(topic -> Call.required(futures, topic.name()).completeExceptionally(error));
            }
        };
    }

    /** Deletes topics by name. */
    public static Call deleteTopics(
            Collection<String> topics, Map<String, CompletableFuture<Void>> futures, long deadlineMs) {
        List<String> toDelete = List.copyOf(topics);
        return new Call("DeleteTopics", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.controller();
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.DELETE_TOPICS;
            }

            @Override
            protected Message request(int timeoutMs) {
                List<DeleteTopicsRequest.DeleteTopicState> states = new ArrayList<>(toDelete.size());
                for (String topic : toDelete) {
                    states.add(new DeleteTopicsRequest.DeleteTopicState(topic, NO_TOPIC_ID));
                }
                return new DeleteTopicsRequest(states, timeoutMs);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                List<String> retry = new ArrayList<>();
                RunnelException retryCause = null;
                for (DeleteTopicsResponse.DeletableTopicResult result : ((DeleteTopicsResponse) response).responses()) {
                    String name = result.name();
                    CompletableFuture<Void> future = name == null ? null : futures.get(name);
                    if (future == null || name == null) {
                        continue;
                    }
                    RunnelException error = AdminErrors.exception(result.errorCode(), result.errorMessage());
                    if (error == null) {
                        future.complete(null);
                    } else if (result.errorCode() == Errors.NOT_CONTROLLER.code()) {
                        retry.add(name);
                        retryCause = error;
                    } else {
                        future.completeExceptionally(error);
                    }
                }
                for (String topic : toDelete) {
                    if (!Call.required(futures, topic).isDone() && !retry.contains(topic)) {
                        Call.required(futures, topic)
                                .completeExceptionally(
                                        new RunnelException("the broker did not answer for topic " + topic));
                    }
                }
                if (!retry.isEmpty() && retryCause != null) {
                    runner.retryLater(deleteTopics(retry, futures, deadlineMs), retryCause);
                }
            }

            @Override
            protected void fail(Throwable error) {
                toDelete.forEach(topic -> Call.required(futures, topic).completeExceptionally(error));
            }
        };
    }

    /** Lists every topic (internal ones only if asked). */
    public static Call listTopics(
            boolean listInternal, CompletableFuture<Map<String, TopicListing>> future, long deadlineMs) {
        return new MetadataCall(
                "ListTopics",
                deadlineMs,
                null,
                (response, runner) -> {
                    Map<String, TopicListing> listings = new TreeMap<>();
                    for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
                        String name = topic.name();
                        if (name == null || topic.errorCode() != Errors.NONE.code()) {
                            continue;
                        }
                        if (listInternal || !topic.isInternal()) {
                            listings.put(name, new TopicListing(name, topic.topicId(), topic.isInternal()));
                        }
                    }
                    future.complete(listings);
                },
                future::completeExceptionally);
    }

    /** Describes topics; an unknown topic fails its future with {@code UnknownTopicOrPartitionException}. */
    public static Call describeTopics(
            Collection<String> topics, Map<String, CompletableFuture<TopicDescription>> futures, long deadlineMs) {
        return new MetadataCall(
                "DescribeTopics",
                deadlineMs,
                topics,
                (response, runner) -> {
                    Map<Integer, Node> nodes = new HashMap<>();
                    for (MetadataResponse.MetadataResponseBroker broker : response.brokers()) {
                        nodes.put(
                                broker.nodeId(),
                                new Node(broker.nodeId(), broker.host(), broker.port(), broker.rack()));
                    }
                    for (MetadataResponse.MetadataResponseTopic topic : response.topics()) {
                        String name = topic.name();
                        CompletableFuture<TopicDescription> future = name == null ? null : futures.get(name);
                        if (future == null || name == null) {
                            continue;
                        }
                        RunnelException error = AdminErrors.exception(topic.errorCode(), null);
                        if (error != null) {
                            future.completeExceptionally(error);
                            continue;
                        }
                        List<TopicPartitionInfo> partitions = new ArrayList<>();
                        for (MetadataResponse.MetadataResponsePartition p : topic.partitions()) {
                            partitions.add(new TopicPartitionInfo(
                                    p.partitionIndex(),
                                    nodes.get(p.leaderId()),
                                    nodesOf(p.replicaNodes(), nodes),
                                    nodesOf(p.isrNodes(), nodes)));
                        }
                        partitions.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
                        future.complete(new TopicDescription(name, topic.isInternal(), partitions, topic.topicId()));
                    }
                    futures.forEach((name, future) -> future.completeExceptionally(
                            new RunnelException("the broker did not describe topic " + name)));
                },
                error -> futures.values().forEach(future -> future.completeExceptionally(error)));
    }

    static List<Node> nodesOf(List<Integer> ids, Map<Integer, Node> nodes) {
        List<Node> result = new ArrayList<>(ids.size());
        for (int id : ids) {
            Node node = nodes.get(id);
            result.add(node != null ? node : new Node(id, "", 0));
        }
        return result;
    }
}
