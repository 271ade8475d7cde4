package io.runnel.broker.group;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetDeleteResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed offsets: OffsetCommit, OffsetFetch, OffsetDelete and their expiry, with Kafka's rules. A commit is
 * written to {@code __consumer_offsets} before it is visible or acknowledged.
 *
 * <p>Who may commit: a member of the current generation (Stable, or PreparingRebalance so that members can commit in
 * their revocation callbacks), or anyone with generation -1 while the group has no members ("simple" groups and
 * admin tools). During CompletingRebalance commits are refused with REBALANCE_IN_PROGRESS.
 *
 * <p>Not thread-safe: owned by the coordinator thread.
 */
final class GroupOffsets {
    private static final Logger log = LoggerFactory.getLogger(GroupOffsets.class);

    private final GroupCoordinatorConfig config;
    private final GroupStore store;
    private final GroupMembership membership;
    private final Time time;
    private final String logPrefix;

    GroupOffsets(
            GroupCoordinatorConfig config, GroupStore store, GroupMembership membership, Time time, String logPrefix) {
        this.config = config;
        this.store = store;
        this.membership = membership;
        this.time = time;
        this.logPrefix = logPrefix;
    }

    OffsetCommitResponse commit(OffsetCommitRequest request) {
        ClassicGroup group = store.get(request.groupId());
        Errors error = null;
        if (group == null) {
            if (request.generationIdOrMemberEpoch() < 0) {
                group = store.getOrCreate(request.groupId());
            } else {
                error = Errors.ILLEGAL_GENERATION;
            }
        } else {
            error = validateCommit(group, request);
        }
        Map<TopicPartition, GroupRecords.OffsetValue> accepted = new LinkedHashMap<>();
        Map<TopicPartition, Errors> results = new LinkedHashMap<>();
        long now = time.milliseconds();
        for (OffsetCommitRequest.OffsetCommitRequestTopic topic : request.topics()) {
            for (OffsetCommitRequest.OffsetCommitRequestPartition p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                String metadata = p.committedMetadata() == null ? "" : p.committedMetadata();
                if (error != null) {
                    results.put(tp, error);
                } else if (metadata.getBytes(StandardCharsets.UTF_8).length > config.offsetMetadataMaxBytes()) {
                    results.put(tp, Errors.OFFSET_METADATA_TOO_LARGE);
                } else {
                    accepted.put(
                            tp,
                            new GroupRecords.OffsetValue(p.committedOffset(), p.committedLeaderEpoch(), metadata, now));
                    results.put(tp, Errors.NONE);
                }
            }
        }
        if (group != null && !accepted.isEmpty()) {
            List<GroupLog.Entry> entries = new ArrayList<>(accepted.size());
            accepted.forEach((tp, value) -> entries.add(new GroupLog.Entry(
                    GroupRecords.offsetKey(request.groupId(), tp), GroupRecords.offsetValue(value))));
            try {
                store.append(group, entries);
                group.offsets().putAll(accepted);
            } catch (RunnelException e) {
                Errors failure = commitError(e);
                log.warn("{} Offset commit of group {} failed: {}", logPrefix, request.groupId(), e.getMessage());
                accepted.keySet().forEach(tp -> results.put(tp, failure));
            }
        }
        return commitResponse(results);
    }

    private @Nullable Errors validateCommit(ClassicGroup group, OffsetCommitRequest request) {
        if (group.is(GroupState.DEAD)) {
            return Errors.COORDINATOR_NOT_AVAILABLE;
        }
        if (request.generationIdOrMemberEpoch() < 0 && group.is(GroupState.EMPTY)) {
            return null;
        }
        Errors fenced = GroupMembership.fencing(group, request.memberId(), request.groupInstanceId());
        if (fenced != null) {
            return fenced;
        }
        if (group.is(GroupState.COMPLETING_REBALANCE)) {
            return Errors.REBALANCE_IN_PROGRESS;
        }
        GroupMember member = group.member(request.memberId());
        if (member == null) {
            return Errors.UNKNOWN_MEMBER_ID;
        }
        if (request.generationIdOrMemberEpoch() != group.generation()) {
            return Errors.ILLEGAL_GENERATION;
        }
        membership.touch(group, member);
        return null;
    }

    /** The error a client acts on for a failed commit write, as Kafka maps storage errors for commits. */
    private static Errors commitError(RunnelException e) {
        return switch (Errors.forException(e)) {
            case MESSAGE_TOO_LARGE, RECORD_LIST_TOO_LARGE, INVALID_FETCH_SIZE -> Errors.INVALID_COMMIT_OFFSET_SIZE;
            default -> GroupStore.storeError(e);
        };
    }

    private static OffsetCommitResponse commitResponse(Map<TopicPartition, Errors> results) {
        Map<String, List<OffsetCommitResponse.OffsetCommitResponsePartition>> byTopic = new LinkedHashMap<>();
        results.forEach((tp, error) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                .add(new OffsetCommitResponse.OffsetCommitResponsePartition(tp.partition(), error.code())));
        List<OffsetCommitResponse.OffsetCommitResponseTopic> topics = new ArrayList<>();
        byTopic.forEach(
                (name, partitions) -> topics.add(new OffsetCommitResponse.OffsetCommitResponseTopic(name, partitions)));
        return new OffsetCommitResponse(0, topics);
    }

    /** The committed offsets of one group: the partitions asked for (-1 where none), or all when topics is null. */
    OffsetFetchResponse.OffsetFetchResponseGroup fetch(OffsetFetchRequest.OffsetFetchRequestGroup request) {
        ClassicGroup group = store.get(request.groupId());
        Map<TopicPartition, GroupRecords.OffsetValue> committed = group == null ? Map.of() : group.offsets();
        Map<String, List<OffsetFetchResponse.OffsetFetchResponsePartitions>> byTopic = new LinkedHashMap<>();
        if (request.topics() == null) {
            committed.forEach((tp, value) -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(partitionOffset(tp.partition(), value)));
        } else {
            for (OffsetFetchRequest.OffsetFetchRequestTopics topic : request.topics()) {
                List<OffsetFetchResponse.OffsetFetchResponsePartitions> partitions =
                        byTopic.computeIfAbsent(topic.name(), t -> new ArrayList<>());
                for (int partition : topic.partitionIndexes()) {
                    partitions.add(
                            partitionOffset(partition, committed.get(new TopicPartition(topic.name(), partition))));
                }
            }
        }
        List<OffsetFetchResponse.OffsetFetchResponseTopics> topics = new ArrayList<>();
        byTopic.forEach(
                (name, partitions) -> topics.add(new OffsetFetchResponse.OffsetFetchResponseTopics(name, partitions)));
        return new OffsetFetchResponse.OffsetFetchResponseGroup(request.groupId(), topics, Errors.NONE.code());
    }

    private static OffsetFetchResponse.OffsetFetchResponsePartitions partitionOffset(
            int partition, GroupRecords.@Nullable OffsetValue value) {
        if (value == null) {
            return new OffsetFetchResponse.OffsetFetchResponsePartitions(partition, -1L, -1, "", Errors.NONE.code());
        }
        return new OffsetFetchResponse.OffsetFetchResponsePartitions(
                partition, value.offset(), value.leaderEpoch(), value.metadata(), Errors.NONE.code());
    }

    /**
     * OffsetDelete: removes committed offsets of partitions the group does not consume. A group with members refuses
     * for the topics its members subscribe to (GROUP_SUBSCRIBED_TO_TOPIC).
     */
    OffsetDeleteResponse delete(OffsetDeleteRequest request) {
        ClassicGroup group = store.get(request.groupId());
        if (group == null || group.is(GroupState.DEAD)) {
            return new OffsetDeleteResponse(Errors.GROUP_ID_NOT_FOUND.code(), 0, List.of());
        }
        Set<String> subscribed = null;
        if (!group.is(GroupState.EMPTY)) {
            if (!ConsumerSubscriptions.PROTOCOL_TYPE.equals(group.protocolType())) {
                return new OffsetDeleteResponse(Errors.NON_EMPTY_GROUP.code(), 0, List.of());
            }
            subscribed = ConsumerSubscriptions.subscribedTopics(group);
        }
        List<GroupLog.Entry> tombstones = new ArrayList<>();
        List<TopicPartition> deleted = new ArrayList<>();
        List<OffsetDeleteResponse.OffsetDeleteResponseTopic> topics = new ArrayList<>();
        for (OffsetDeleteRequest.OffsetDeleteRequestTopic topic : request.topics()) {
            boolean inUse = subscribed != null && (subscribed.isEmpty() || subscribed.contains(topic.name()));
            List<OffsetDeleteResponse.OffsetDeleteResponsePartition> partitions = new ArrayList<>();
            for (OffsetDeleteRequest.OffsetDeleteRequestPartition p : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), p.partitionIndex());
                Errors error = inUse ? Errors.GROUP_SUBSCRIBED_TO_TOPIC : Errors.NONE;
                if (!inUse && group.offsets().containsKey(tp)) {
                    tombstones.add(new GroupLog.Entry(GroupRecords.offsetKey(group.groupId(), tp), null));
                    deleted.add(tp);
                }
                partitions.add(
                        new OffsetDeleteResponse.OffsetDeleteResponsePartition(p.partitionIndex(), error.code()));
            }
            topics.add(new OffsetDeleteResponse.OffsetDeleteResponseTopic(topic.name(), partitions));
        }
        try {
            store.append(group, tombstones);
        } catch (RunnelException e) {
            return new OffsetDeleteResponse(commitError(e).code(), 0, List.of());
        }
        deleted.forEach(group.offsets()::remove);
        return new OffsetDeleteResponse(Errors.NONE.code(), 0, topics);
    }

    /**
     * Removes offsets past {@code offsets.retention.minutes}: every offset of a group without members once the
     * retention has passed since the later of its commit and the group becoming empty; in a consumer group with
     * members, the offsets of topics no member subscribes to, counted from their commit. A group left with neither
     * members nor offsets is deleted.
     *
     * @return the groups deleted
     */
    List<ClassicGroup> expire() {
        long now = time.milliseconds();
        long retention = config.offsetsRetention().toMillis();
        List<ClassicGroup> deletedGroups = new ArrayList<>();
        for (ClassicGroup group : new ArrayList<>(store.all())) {
            Map<TopicPartition, GroupRecords.OffsetValue> expired = new HashMap<>();
            if (group.is(GroupState.EMPTY)) {
                long emptySince = group.protocolType() == null ? Long.MIN_VALUE : group.stateTimestamp();
                group.offsets().forEach((tp, value) -> {
                    if (now - Math.max(value.commitTimestamp(), emptySince) >= retention) {
                        expired.put(tp, value);
                    }
                });
            } else if (group.is(GroupState.STABLE)
                    && ConsumerSubscriptions.PROTOCOL_TYPE.equals(group.protocolType())) {
                Set<String> subscribed = ConsumerSubscriptions.subscribedTopics(group);
                if (!subscribed.isEmpty()) {
                    group.offsets().forEach((tp, value) -> {
                        if (!subscribed.contains(tp.topic()) && now - value.commitTimestamp() >= retention) {
                            expired.put(tp, value);
                        }
                    });
                }
            }
            boolean deleteGroup = group.is(GroupState.EMPTY)
                    && group.pendingMembers().isEmpty()
                    && expired.size() == group.offsets().size();
            if (expired.isEmpty() && !deleteGroup) {
                continue;
            }
            List<GroupLog.Entry> tombstones = new ArrayList<>();
            expired.keySet()
                    .forEach(tp ->
                            tombstones.add(new GroupLog.Entry(GroupRecords.offsetKey(group.groupId(), tp), null)));
            if (deleteGroup) {
                tombstones.add(new GroupLog.Entry(GroupRecords.groupKey(group.groupId()), null));
            }
            try {
                store.append(group, tombstones);
            } catch (RunnelException e) {
                log.warn("{} Could not expire offsets of group {}: {}", logPrefix, group.groupId(), e.getMessage());
                continue;
            }
            expired.keySet().forEach(group.offsets()::remove);
            log.info("{} Expired {} offsets of group {}", logPrefix, expired.size(), group.groupId());
            if (deleteGroup) {
                group.transitionTo(GroupState.DEAD, now);
                store.remove(group.groupId());
                deletedGroups.add(group);
            }
        }
        return deletedGroups;
    }
}
