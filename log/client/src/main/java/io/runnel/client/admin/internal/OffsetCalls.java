package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.client.admin.DeletedRecords;
import io.runnel.client.admin.ListOffsetsResult.ListOffsetsResultInfo;
import io.runnel.client.admin.OffsetSpec;
import io.runnel.client.admin.RecordsToDelete;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RetriableException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.DeleteRecordsRequest;
import io.runnel.protocol.message.DeleteRecordsResponse;
import io.runnel.protocol.message.ListOffsetsRequest;
import io.runnel.protocol.message.ListOffsetsResponse;
import io.runnel.protocol.message.Message;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The calls that go to each partition's leader: list offsets and delete records. Each starts with a metadata call that
 * finds the leaders, then sends one request per leader; partitions that fail with a retriable error (a leader change)
 * start over from the metadata call after {@code retry.backoff.ms}.
 */
public final class OffsetCalls {
    /** ListOffsets' replica id for a consumer (not a follower). */
    private static final int CONSUMER_REPLICA_ID = -1;

    private static final int NO_LEADER_EPOCH = -1;

    private OffsetCalls() {}

    /** Looks up offsets per partition. */
    public static Call listOffsets(
            Map<TopicPartition, OffsetSpec> specs,
            Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> futures,
            long deadlineMs) {
        return routeToLeaders(
                "ListOffsets",
                specs,
                futures,
                deadlineMs,
                (leader, partitions, current, restart) ->
                        listOffsetsOnLeader(leader, partitions, current, futures, deadlineMs, restart));
    }

    /** Deletes records below the given offsets. */
    public static Call deleteRecords(
            Map<TopicPartition, RecordsToDelete> toDelete,
            Map<TopicPartition, CompletableFuture<DeletedRecords>> futures,
            long deadlineMs) {
        return routeToLeaders(
                "DeleteRecords",
                toDelete,
                futures,
                deadlineMs,
                (leader, partitions, current, restart) ->
                        deleteRecordsOnLeader(leader, partitions, current, futures, deadlineMs, restart));
    }

    /** Builds the request to one leader for some of the partitions; {@code restart} starts over for retriable ones. */
    @FunctionalInterface
    private interface LeaderCall<S> {
        Call create(
                int leader,
                Set<TopicPartition> partitions,
                Map<TopicPartition, S> specs,
                Function<Map<TopicPartition, ?>, Call> restart);
    }

    /**
     * A metadata call that finds each partition's leader and enqueues one {@code onLeader} call per leader; partitions
     * failing with a retriable error start over from here after the backoff.
     */
    private static <S> Call routeToLeaders(
            String name,
            Map<TopicPartition, S> specs,
            Map<TopicPartition, ? extends CompletableFuture<?>> futures,
            long deadlineMs,
            LeaderCall<S> onLeader) {
        Map<TopicPartition, S> remaining = Map.copyOf(specs);
        Function<Map<TopicPartition, ?>, Call> restart =
                again -> routeToLeaders(name, subset(remaining, again), futures, deadlineMs, onLeader);
        return new MetadataCall(
                name + "(metadata)",
                deadlineMs,
                PartitionLeaders.topicsOf(remaining.keySet()),
                (response, runner) -> {
                    PartitionLeaders leaders = new PartitionLeaders(response, remaining.keySet());
                    Map<TopicPartition, RunnelException> retry = failOrRetry(leaders.errors(), futures, true);
                    leaders.byLeader()
                            .forEach((leader, partitions) ->
                                    runner.enqueue(onLeader.create(leader, partitions, remaining, restart)));
                    retryLater(runner, retry, restart);
                },
                error -> remaining.keySet().forEach(tp -> Call.required(futures, tp)
                        .completeExceptionally(error)));
    }

    private static Call listOffsetsOnLeader(
            int leader,
            Set<TopicPartition> partitions,
            Map<TopicPartition, OffsetSpec> specs,
            Map<TopicPartition, CompletableFuture<ListOffsetsResultInfo>> futures,
            long deadlineMs,
            Function<Map<TopicPartition, ?>, Call> restart) {
        return new Call("ListOffsets", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.node(leader);
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.LIST_OFFSETS;
            }

            @Override
            protected Message request(int timeoutMs) {
                Map<String, List<ListOffsetsRequest.ListOffsetsPartition>> byTopic = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                            .add(new ListOffsetsRequest.ListOffsetsPartition(
                                    tp.partition(),
                                    NO_LEADER_EPOCH,
                                    Call.required(specs, tp).timestamp()));
                }
                List<ListOffsetsRequest.ListOffsetsTopic> topics = new ArrayList<>();
                byTopic.forEach((topic, list) -> topics.add(new ListOffsetsRequest.ListOffsetsTopic(topic, list)));
                return new ListOffsetsRequest(CONSUMER_REPLICA_ID, (byte) 0, topics);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                Map<TopicPartition, RunnelException> errors = new HashMap<>();
                for (ListOffsetsResponse.ListOffsetsTopicResponse topic : ((ListOffsetsResponse) response).topics()) {
                    for (ListOffsetsResponse.ListOffsetsPartitionResponse p : topic.partitions()) {
                        TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                        CompletableFuture<ListOffsetsResultInfo> future = futures.get(tp);
                        if (future == null || !partitions.contains(tp)) {
                            continue;
                        }
                        RunnelException error = AdminErrors.exception(p.errorCode(), null);
                        if (error != null) {
                            errors.put(tp, error);
                        } else {
                            future.complete(new ListOffsetsResultInfo(
                                    p.offset(),
                                    p.timestamp(),
                                    p.leaderEpoch() < 0 ? Optional.empty() : Optional.of(p.leaderEpoch())));
                        }
                    }
                }
                missing(partitions, futures, errors);
                retryLater(runner, failOrRetry(errors, futures, false), restart);
            }

            @Override
            protected void fail(Throwable error) {
                partitions.forEach(tp -> Call.required(futures, tp).completeExceptionally(error));
            }
        };
    }

    private static Call deleteRecordsOnLeader(
            int leader,
            Set<TopicPartition> partitions,
            Map<TopicPartition, RecordsToDelete> toDelete,
            Map<TopicPartition, CompletableFuture<DeletedRecords>> futures,
            long deadlineMs,
            Function<Map<TopicPartition, ?>, Call> restart) {
        return new Call("DeleteRecords", deadlineMs) {
            @Override
            protected @Nullable Node target(Targets targets) {
                return targets.node(leader);
            }

            @Override
            protected ApiKey apiKey() {
                return ApiKey.DELETE_RECORDS;
            }

            @Override
            protected Message request(int timeoutMs) {
                Map<String, List<DeleteRecordsRequest.DeleteRecordsPartition>> byTopic = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                            .add(new DeleteRecordsRequest.DeleteRecordsPartition(
                                    tp.partition(), Call.required(toDelete, tp).beforeOffset()));
                }
                List<DeleteRecordsRequest.DeleteRecordsTopic> topics = new ArrayList<>();
                byTopic.forEach((topic, list) -> topics.add(new DeleteRecordsRequest.DeleteRecordsTopic(topic, list)));
                return new DeleteRecordsRequest(topics, timeoutMs);
            }

            @Override
            protected void handle(Message response, AdminRunner runner) {
                Map<TopicPartition, RunnelException> errors = new HashMap<>();
                for (DeleteRecordsResponse.DeleteRecordsTopicResult topic :
                        ((DeleteRecordsResponse) response).topics()) {
                    for (DeleteRecordsResponse.DeleteRecordsPartitionResult p : topic.partitions()) {
                        TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                        CompletableFuture<DeletedRecords> future = futures.get(tp);
                        if (future == null || !partitions.contains(tp)) {
                            continue;
                        }
                        RunnelException error = AdminErrors.exception(p.errorCode(), null);
                        if (error != null) {
                            errors.put(tp, error);
                        } else {
                            future.complete(new DeletedRecords(p.lowWatermark()));
                        }
                    }
                }
                missing(partitions, futures, errors);
                retryLater(runner, failOrRetry(errors, futures, false), restart);
            }

            @Override
            protected void fail(Throwable error) {
                partitions.forEach(tp -> Call.required(futures, tp).completeExceptionally(error));
            }
        };
    }

    /**
     * Fails the futures of non-retriable errors; returns the retriable ones. A topic the metadata does not know is
     * final (as in Kafka's admin client): only a leader's answer that it does not host a partition is retried.
     */
    private static Map<TopicPartition, RunnelException> failOrRetry(
            Map<TopicPartition, RunnelException> errors,
            Map<TopicPartition, ? extends CompletableFuture<?>> futures,
            boolean fromMetadata) {
        Map<TopicPartition, RunnelException> retry = new HashMap<>();
        errors.forEach((tp, error) -> {
            boolean unknown = error instanceof UnknownTopicOrPartitionException;
            if (error instanceof RetriableException && !(fromMetadata && unknown)) {
                retry.put(tp, error);
            } else {
                Call.required(futures, tp).completeExceptionally(error);
            }
        });
        return retry;
    }

    private static void missing(
            Set<TopicPartition> partitions,
            Map<TopicPartition, ? extends CompletableFuture<?>> futures,
            Map<TopicPartition, RunnelException> errors) {
        for (TopicPartition tp : partitions) {
            if (!Call.required(futures, tp).isDone() && !errors.containsKey(tp)) {
                errors.put(tp, new RunnelException("the broker did not answer for partition " + tp));
            }
        }
    }

    /** Starts over from the metadata call for the partitions that failed with retriable errors. */
    private static void retryLater(
            AdminRunner runner,
            Map<TopicPartition, RunnelException> retry,
            Function<Map<TopicPartition, ?>, Call> restart) {
        if (retry.isEmpty()) {
            return;
        }
        runner.retryLater(restart.apply(retry), retry.values().iterator().next());
    }

    private static <S> Map<TopicPartition, S> subset(Map<TopicPartition, S> all, Map<TopicPartition, ?> keys) {
        Map<TopicPartition, S> subset = new HashMap<>();
        keys.keySet().forEach(tp -> subset.put(tp, all.get(tp)));
        return subset;
    }
}
