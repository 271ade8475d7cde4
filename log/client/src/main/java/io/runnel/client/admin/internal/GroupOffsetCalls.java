package io.runnel.client.admin.internal;

import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.RetriableProtocolErrorException;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetDeleteResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls on groups' committed offsets, each sent to the group's coordinator through {@link CoordinatorRouting}:
 * list (OffsetFetch, several groups per request), alter (OffsetCommit as a simple consumer: no member id, generation
 * -1, which a coordinator accepts only while the group has no members) and delete (OffsetDelete).
 */
public final class GroupOffsetCalls {
    private static final Logger log = LoggerFactory.getLogger(GroupOffsetCalls.class);

    /** Generation of a commit from outside the group. */
    private static final int NO_GENERATION = -1;

    private static final int NO_LEADER_EPOCH = -1;

    private GroupOffsetCalls() {}

    /**
     * Lists committed offsets.
     *
     * @param partitions per group, the partitions to list, or null for every partition with a committed offset
     */
    public static Call listConsumerGroupOffsets(
            Map<String, @Nullable List<TopicPartition>> partitions,
            boolean requireStable,
            Map<String, CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>>> futures,
            long deadlineMs) {
        BiConsumer<String, Throwable> failGroup = CoordinatorRouting.failing(futures);
        return CoordinatorRouting.route(
                "OffsetFetch",
                partitions.keySet(),
                deadlineMs,
                failGroup,
                (coordinator, forCoordinator, restart) ->
                        new CoordinatorRouting.CoordinatorCall(
                                "OffsetFetch", deadlineMs, coordinator, forCoordinator, failGroup) {
                            @Override
                            protected ApiKey apiKey() {
                                return ApiKey.OFFSET_FETCH;
                            }

                            @Override
                            protected Message request(int timeoutMs) {
                                List<OffsetFetchRequest.OffsetFetchRequestGroup> requested = new ArrayList<>();
                                for (String group : groups) {
                                    requested.add(new OffsetFetchRequest.OffsetFetchRequestGroup(
                                            group, null, -1, fetchTopics(partitions.get(group))));
                                }
                                return new OffsetFetchRequest(requested, requireStable);
                            }

                            @Override
                            protected void handle(Message response, AdminRunner runner) {
                                CoordinatorRouting.Retries retries = new CoordinatorRouting.Retries();
                                for (OffsetFetchResponse.OffsetFetchResponseGroup group :
                                        ((OffsetFetchResponse) response).groups()) {
                                    CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> future =
                                            futures.get(group.groupId());
                                    if (future != null && groups.contains(group.groupId())) {
                                        fetched(group, future, retries);
                                    }
                                }
                                for (String group : groups) {
                                    if (!Call.required(futures, group).isDone() && !retries.contains(group)) {
                                        failGroup.accept(group, unanswered(group));
                                    }
                                }
                                retries.restartIfAny(runner, restart);
                            }
                        });
    }

    private static @Nullable List<OffsetFetchRequest.OffsetFetchRequestTopics> fetchTopics(
            @Nullable List<TopicPartition> partitions) {
        if (partitions == null) {
            return null;
        }
        List<OffsetFetchRequest.OffsetFetchRequestTopics> topics = new ArrayList<>();
        byTopic(partitions)
                .forEach((topic, indexes) ->
                        topics.add(new OffsetFetchRequest.OffsetFetchRequestTopics(topic, indexes)));
        return topics;
    }

    /**
     * Completes one group's future from its part of an OffsetFetch response. A partition without a committed offset
     * maps to null; a partition with an error is left out (and logged), as Kafka's admin client does; an unstable
     * offset (a transaction in progress) retries the group.
     */
    private static void fetched(
            OffsetFetchResponse.OffsetFetchResponseGroup group,
            CompletableFuture<Map<TopicPartition, @Nullable OffsetAndMetadata>> future,
            CoordinatorRouting.Retries retries) {
        RunnelException groupError = AdminErrors.exception(group.errorCode(), null);
        if (groupError != null) {
            if (CoordinatorRouting.coordinatorMoved(group.errorCode())
                    || group.errorCode() == Errors.UNSTABLE_OFFSET_COMMIT.code()) {
                retries.add(group.groupId(), groupError);
            } else {
                future.completeExceptionally(groupError);
            }
            return;
        }
        Map<TopicPartition, @Nullable OffsetAndMetadata> offsets = new LinkedHashMap<>();
        for (OffsetFetchResponse.OffsetFetchResponseTopics topic : group.topics()) {
            for (OffsetFetchResponse.OffsetFetchResponsePartitions p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                if (p.errorCode() == Errors.UNSTABLE_OFFSET_COMMIT.code()) {
                    retries.add(
                            group.groupId(),
                            new RetriableProtocolErrorException(
                                    Errors.UNSTABLE_OFFSET_COMMIT, "offsets of " + tp + " are not stable yet"));
                    return;
                }
                if (p.errorCode() != Errors.NONE.code()) {
                    log.warn(
                            "No committed offset of group {} for {}: {}",
                            group.groupId(),
                            tp,
                            Errors.forCode(p.errorCode()));
                    continue;
                }
                offsets.put(
                        tp,
                        p.committedOffset() < 0
                                ? null
                                : new OffsetAndMetadata(
                                        p.committedOffset(),
                                        p.committedLeaderEpoch() < 0
                                                ? Optional.empty()
                                                : Optional.of(p.committedLeaderEpoch()),
                                        p.metadata()));
            }
        }
        future.complete(Collections.unmodifiableMap(offsets));
    }

    /** Commits offsets for a group that has no members, as a client outside the group. */
    public static Call alterConsumerGroupOffsets(
            String groupId,
            Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, CompletableFuture<Void>> futures,
            long deadlineMs) {
        Map<TopicPartition, OffsetAndMetadata> toCommit = Map.copyOf(offsets);
        BiConsumer<String, Throwable> failGroup =
                (group, error) -> futures.values().forEach(future -> future.completeExceptionally(error));
        return CoordinatorRouting.route(
                "OffsetCommit",
                List.of(groupId),
                deadlineMs,
                failGroup,
                (coordinator, forCoordinator, restart) ->
                        new CoordinatorRouting.CoordinatorCall(
                                "OffsetCommit", deadlineMs, coordinator, forCoordinator, failGroup) {
                            @Override
                            protected ApiKey apiKey() {
                                return ApiKey.OFFSET_COMMIT;
                            }

                            @Override
                            protected Message request(int timeoutMs) {
                                List<OffsetCommitRequest.OffsetCommitRequestTopic> topics = new ArrayList<>();
                                byTopic(toCommit.keySet()).forEach((topic, indexes) -> {
                                    List<OffsetCommitRequest.OffsetCommitRequestPartition> committed =
                                            new ArrayList<>();
                                    for (int index : indexes) {
                                        OffsetAndMetadata offset =
                                                Call.required(toCommit, new TopicPartition(topic, index));
                                        committed.add(new OffsetCommitRequest.OffsetCommitRequestPartition(
                                                index,
                                                offset.offset(),
                                                offset.leaderEpoch().orElse(NO_LEADER_EPOCH),
                                                offset.metadata()));
                                    }
                                    topics.add(new OffsetCommitRequest.OffsetCommitRequestTopic(topic, committed));
                                });
                                return new OffsetCommitRequest(groupId, NO_GENERATION, "", null, topics);
                            }

                            @Override
                            protected void handle(Message response, AdminRunner runner) {
                                Map<TopicPartition, Short> errors = new LinkedHashMap<>();
                                for (OffsetCommitResponse.OffsetCommitResponseTopic topic :
                                        ((OffsetCommitResponse) response).topics()) {
                                    for (OffsetCommitResponse.OffsetCommitResponsePartition p : topic.partitions()) {
                                        errors.put(new TopicPartition(topic.name(), p.partitionIndex()), p.errorCode());
                                    }
                                }
                                completePartitions(groupId, errors, futures, runner, restart);
                            }
                        });
    }

    /** Deletes a group's committed offsets of some partitions. */
    public static Call deleteConsumerGroupOffsets(
            String groupId,
            Set<TopicPartition> partitions,
            Map<TopicPartition, CompletableFuture<Void>> futures,
            long deadlineMs) {
        List<TopicPartition> toDelete = List.copyOf(partitions);
        BiConsumer<String, Throwable> failGroup =
                (group, error) -> futures.values().forEach(future -> future.completeExceptionally(error));
        return CoordinatorRouting.route(
                "OffsetDelete",
                List.of(groupId),
                deadlineMs,
                failGroup,
                (coordinator, forCoordinator, restart) ->
                        new CoordinatorRouting.CoordinatorCall(
                                "OffsetDelete", deadlineMs, coordinator, forCoordinator, failGroup) {
                            @Override
                            protected ApiKey apiKey() {
                                return ApiKey.OFFSET_DELETE;
                            }

                            @Override
                            protected Message request(int timeoutMs) {
                                List<OffsetDeleteRequest.OffsetDeleteRequestTopic> topics = new ArrayList<>();
                                byTopic(toDelete)
                                        .forEach((topic, indexes) ->
                                                topics.add(new OffsetDeleteRequest.OffsetDeleteRequestTopic(
                                                        topic,
                                                        indexes.stream()
                                                                .map(
                                                                        OffsetDeleteRequest.OffsetDeleteRequestPartition
                                                                                ::new)
                                                                .toList())));
                                return new OffsetDeleteRequest(groupId, topics);
                            }

                            @Override
                            protected void handle(Message response, AdminRunner runner) {
                                OffsetDeleteResponse deleted = (OffsetDeleteResponse) response;
                                Map<TopicPartition, Short> errors = new LinkedHashMap<>();
                                if (deleted.errorCode() != Errors.NONE.code()) {
                                    toDelete.forEach(tp -> errors.put(tp, deleted.errorCode()));
                                } else {
                                    for (OffsetDeleteResponse.OffsetDeleteResponseTopic topic : deleted.topics()) {
                                        for (OffsetDeleteResponse.OffsetDeleteResponsePartition p :
                                                topic.partitions()) {
                                            errors.put(
                                                    new TopicPartition(topic.name(), p.partitionIndex()),
                                                    p.errorCode());
                                        }
                                    }
                                }
                                completePartitions(groupId, errors, futures, runner, restart);
                            }
                        });
    }

    /**
     * Completes per-partition futures from the codes of a response; if any says the coordinator moved, the whole group
     * starts over (a coordinator that moved answers so for every partition).
     */
    private static void completePartitions(
            String groupId,
            Map<TopicPartition, Short> errors,
            Map<TopicPartition, CompletableFuture<Void>> futures,
            AdminRunner runner,
            CoordinatorRouting.Restart restart) {
        for (short code : errors.values()) {
            if (CoordinatorRouting.coordinatorMoved(code)) {
                RunnelException cause = AdminErrors.exception(code, null);
                restart.later(runner, List.of(groupId), cause == null ? unanswered(groupId) : cause);
                return;
            }
        }
        futures.forEach((tp, future) -> {
            Short code = errors.get(tp);
            if (code == null) {
                future.completeExceptionally(new RunnelException(
                        "the coordinator did not answer for partition " + tp + " of group " + groupId));
                return;
            }
            RunnelException error = AdminErrors.exception(code, null);
            if (error == null) {
                future.complete(null);
            } else {
                future.completeExceptionally(error);
            }
        });
    }

    private static RunnelException unanswered(String group) {
        return new RunnelException("the coordinator did not answer for group " + group);
    }

    private static Map<String, List<Integer>> byTopic(Collection<TopicPartition> partitions) {
        Map<String, List<Integer>> byTopic = new LinkedHashMap<>();
        partitions.forEach(tp ->
                byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        return byTopic;
    }
}
