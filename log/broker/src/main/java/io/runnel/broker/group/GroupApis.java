package io.runnel.broker.group;

import io.runnel.broker.metadata.BrokerInfo;
import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.broker.partition.PartitionManager;
import io.runnel.broker.partition.TopicCreation;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.DeleteGroupsRequest;
import io.runnel.protocol.message.DeleteGroupsResponse;
import io.runnel.protocol.message.DescribeGroupsRequest;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.FindCoordinatorResponse;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.HeartbeatResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.LeaveGroupResponse;
import io.runnel.protocol.message.ListGroupsRequest;
import io.runnel.protocol.message.ListGroupsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetDeleteResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group APIs as the request handlers call them: FindCoordinator (creating {@code __consumer_offsets} on first
 * use, with Kafka's configs for it), the membership and offset APIs, and the group admin APIs. Each returns a future
 * of the response body; the work runs on the coordinator thread ({@link CoordinatorRuntime}).
 *
 * <p>Thread-safe.
 */
public final class GroupApis {
    private static final Logger log = LoggerFactory.getLogger(GroupApis.class);
    private static final byte GROUP_KEY_TYPE = 0;
    private static final byte TRANSACTION_KEY_TYPE = 1;

    private final int brokerId;
    private final GroupCoordinatorConfig config;
    private final MetadataStore metadata;
    private final PartitionManager partitions;
    private final CoordinatorRuntime runtime;

    public GroupApis(
            int brokerId,
            GroupCoordinatorConfig config,
            MetadataStore metadata,
            PartitionManager partitions,
            CoordinatorRuntime runtime) {
        this.brokerId = brokerId;
        this.config = config;
        this.metadata = metadata;
        this.partitions = partitions;
        this.runtime = runtime;
    }

    /** At broker start: loads the {@code __consumer_offsets} partitions this broker leads, if the topic exists. */
    public void start() {
        metadata.topic(PartitionGroupLog.TOPIC).ifPresent(topic -> takeOver(topic, false));
    }

    /**
     * The topic configs Kafka gives {@code __consumer_offsets}: compacted, with its own segment size. (Kafka also sets
     * {@code compression.type=producer}, which is what a Runnel log always does: batches are stored as written.)
     */
    static Map<String, String> offsetsTopicConfigs(GroupCoordinatorConfig config) {
        return Map.of(
                "cleanup.policy", "compact", "segment.bytes", Integer.toString(config.offsetsTopicSegmentBytes()));
    }

    private void takeOver(TopicMetadata topic, boolean empty) {
        Map<Integer, BrokerInfo> live = metadata.liveBrokers();
        topic.replicas().forEach((partition, replicas) -> {
            Optional<Integer> leader = replicas.stream()
                    .filter(id -> live.containsKey(id) || id == brokerId)
                    .findFirst();
            if (leader.isPresent() && leader.get() == brokerId) {
                runtime.takeOver(partition, empty);
            }
        });
    }

    /** Creates {@code __consumer_offsets} if it does not exist; false if that failed (the error is logged). */
    private boolean ensureOffsetsTopic() {
        if (metadata.topic(PartitionGroupLog.TOPIC).isPresent()) {
            return true;
        }
        try {
            // An internal topic: not bound by max.partitions.per.request, which limits what clients ask for. A failure
            // to create its logs rolls the metadata back, as for any topic.
            TopicMetadata created = new TopicCreation(metadata, partitions, Integer.MAX_VALUE)
                    .create(
                            PartitionGroupLog.TOPIC,
                            config.offsetsTopicPartitions(),
                            config.offsetsTopicReplicationFactor(),
                            offsetsTopicConfigs(config));
            log.info(
                    "[Broker id={}] Created {} with {} partitions", brokerId, created.name(), created.partitionCount());
            takeOver(created, true);
            return true;
        } catch (TopicExistsException raced) {
            metadata.topic(PartitionGroupLog.TOPIC).ifPresent(topic -> {
                partitions.topicChanged(topic);
                takeOver(topic, false);
            });
            return true;
        } catch (RuntimeException e) {
            log.warn("[Broker id={}] Could not create {}: {}", brokerId, PartitionGroupLog.TOPIC, e.getMessage());
            return false;
        }
    }

    /** FindCoordinator for groups; transactions are not served yet and say so. Runs on an I/O thread. */
    public FindCoordinatorResponse findCoordinator(FindCoordinatorRequest request) {
        List<FindCoordinatorResponse.Coordinator> coordinators = new ArrayList<>();
        for (String key : request.coordinatorKeys()) {
            coordinators.add(findCoordinator(request.keyType(), key));
        }
        return new FindCoordinatorResponse(0, coordinators);
    }

    private FindCoordinatorResponse.Coordinator findCoordinator(byte keyType, String key) {
        if (keyType == TRANSACTION_KEY_TYPE) {
            return coordinatorError(key, Errors.UNSUPPORTED_VERSION, "transactions are not supported yet");
        }
        if (keyType != GROUP_KEY_TYPE) {
            return coordinatorError(key, Errors.INVALID_REQUEST, "unknown coordinator key type " + keyType);
        }
        if (key.isEmpty()) {
            return coordinatorError(key, Errors.INVALID_GROUP_ID, "the group id is empty");
        }
        if (!ensureOffsetsTopic()) {
            return coordinatorError(key, Errors.COORDINATOR_NOT_AVAILABLE, PartitionGroupLog.TOPIC + " is not ready");
        }
        Errors availability = runtime.availability(key);
        if (availability == Errors.NOT_COORDINATOR) {
            return coordinatorError(key, Errors.COORDINATOR_NOT_AVAILABLE, "no coordinator for this group's partition");
        }
        BrokerInfo self = metadata.liveBrokers().get(brokerId);
        if (self == null) {
            return coordinatorError(key, Errors.COORDINATOR_NOT_AVAILABLE, "the broker is not registered yet");
        }
        // A partition still loading is still ours: the client finds us and waits on COORDINATOR_LOAD_IN_PROGRESS.
        return new FindCoordinatorResponse.Coordinator(
                key, self.id(), self.host(), self.port(), Errors.NONE.code(), null);
    }

    private static FindCoordinatorResponse.Coordinator coordinatorError(String key, Errors error, String message) {
        return new FindCoordinatorResponse.Coordinator(key, -1, "", -1, error.code(), message);
    }

    public CompletableFuture<@Nullable Message> joinGroup(
            JoinGroupRequest request, String clientId, String clientHost) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new JoinGroupResponse(
                        0, error.code(), -1, null, null, "", false, request.memberId(), List.of()),
                (coordinator, result) -> coordinator.joinGroup(request, clientId, clientHost, result::complete)));
    }

    public CompletableFuture<@Nullable Message> syncGroup(SyncGroupRequest request) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new SyncGroupResponse(0, error.code(), null, null, ByteBuffer.allocate(0)),
                (coordinator, result) -> coordinator.syncGroup(request, result::complete)));
    }

    public CompletableFuture<@Nullable Message> heartbeat(HeartbeatRequest request) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new HeartbeatResponse(0, error.code()),
                (coordinator, result) -> result.complete(coordinator.heartbeat(request))));
    }

    public CompletableFuture<@Nullable Message> leaveGroup(LeaveGroupRequest request) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new LeaveGroupResponse(0, error.code(), List.of()),
                (coordinator, result) -> result.complete(coordinator.leaveGroup(request))));
    }

    public CompletableFuture<@Nullable Message> offsetCommit(OffsetCommitRequest request) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new OffsetCommitResponse(
                        0,
                        request.topics().stream()
                                .map(t -> new OffsetCommitResponse.OffsetCommitResponseTopic(
                                        t.name(),
                                        t.partitions().stream()
                                                .map(p -> new OffsetCommitResponse.OffsetCommitResponsePartition(
                                                        p.partitionIndex(), error.code()))
                                                .toList()))
                                .toList()),
                (coordinator, result) -> result.complete(coordinator.commitOffsets(request))));
    }

    public CompletableFuture<@Nullable Message> offsetFetch(OffsetFetchRequest request) {
        List<CompletableFuture<OffsetFetchResponse.OffsetFetchResponseGroup>> groups = new ArrayList<>();
        for (OffsetFetchRequest.OffsetFetchRequestGroup group : request.groups()) {
            groups.add(runtime.submit(
                    group.groupId(),
                    error -> new OffsetFetchResponse.OffsetFetchResponseGroup(group.groupId(), List.of(), error.code()),
                    (coordinator, result) -> result.complete(coordinator.fetchOffsets(group))));
        }
        return widen(allOf(groups).thenApply(results -> new OffsetFetchResponse(0, results)));
    }

    public CompletableFuture<@Nullable Message> offsetDelete(OffsetDeleteRequest request) {
        return widen(runtime.submit(
                request.groupId(),
                error -> new OffsetDeleteResponse(error.code(), 0, List.of()),
                (coordinator, result) -> result.complete(coordinator.deleteOffsets(request))));
    }

    /** ListGroups: the groups of every partition led here, or COORDINATOR_LOAD_IN_PROGRESS while one still loads. */
    public CompletableFuture<@Nullable Message> listGroups(ListGroupsRequest request) {
        if (runtime.loading()) {
            return CompletableFuture.completedFuture(
                    new ListGroupsResponse(0, Errors.COORDINATOR_LOAD_IN_PROGRESS.code(), List.of()));
        }
        CompletableFuture<List<ListGroupsResponse.ListedGroup>> listed =
                runtime.submitAny((coordinator, result) -> result.complete(coordinator.listGroups(request)));
        return widen(listed.thenApply(groups -> new ListGroupsResponse(0, Errors.NONE.code(), groups)));
    }

    public CompletableFuture<@Nullable Message> describeGroups(DescribeGroupsRequest request) {
        List<CompletableFuture<DescribeGroupsResponse.DescribedGroup>> groups = new ArrayList<>();
        for (String groupId : request.groups()) {
            groups.add(runtime.submit(
                    groupId,
                    error -> new DescribeGroupsResponse.DescribedGroup(
                            error.code(), groupId, "", "", "", List.of(), Integer.MIN_VALUE),
                    (coordinator, result) -> result.complete(coordinator.describeGroup(groupId))));
        }
        return widen(allOf(groups).thenApply(results -> new DescribeGroupsResponse(0, results)));
    }

    public CompletableFuture<@Nullable Message> deleteGroups(DeleteGroupsRequest request) {
        List<CompletableFuture<DeleteGroupsResponse.DeletableGroupResult>> groups = new ArrayList<>();
        for (String groupId : request.groupsNames()) {
            groups.add(runtime.submit(
                    groupId,
                    error -> new DeleteGroupsResponse.DeletableGroupResult(groupId, error.code()),
                    (coordinator, result) -> result.complete(coordinator.deleteGroup(groupId))));
        }
        return widen(allOf(groups).thenApply(results -> new DeleteGroupsResponse(0, results)));
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
                .thenApply(
                        ignored -> futures.stream().map(CompletableFuture::join).toList());
    }

    private static CompletableFuture<@Nullable Message> widen(CompletableFuture<? extends Message> future) {
        return future.thenApply(message -> message);
    }
}
