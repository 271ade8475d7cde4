package io.runnel.broker.handler;

import io.runnel.broker.config.BrokerConfig;
import io.runnel.broker.group.GroupApis;
import io.runnel.broker.group.PartitionGroupLog;
import io.runnel.broker.metadata.BrokerInfo;
import io.runnel.broker.metadata.MetadataStore;
import io.runnel.broker.metadata.TopicMetadata;
import io.runnel.broker.partition.FetchPartition;
import io.runnel.broker.partition.FetchResult;
import io.runnel.broker.partition.FetchSpec;
import io.runnel.broker.partition.PartitionManager;
import io.runnel.broker.partition.TopicCreation;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.AlterConfigsRequest;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.CreateTopicsRequest;
import io.runnel.protocol.message.CreateTopicsResponse;
import io.runnel.protocol.message.DeleteGroupsRequest;
import io.runnel.protocol.message.DeleteRecordsRequest;
import io.runnel.protocol.message.DeleteRecordsResponse;
import io.runnel.protocol.message.DeleteTopicsRequest;
import io.runnel.protocol.message.DeleteTopicsResponse;
import io.runnel.protocol.message.DescribeClusterResponse;
import io.runnel.protocol.message.DescribeConfigsRequest;
import io.runnel.protocol.message.DescribeGroupsRequest;
import io.runnel.protocol.message.FetchRequest;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.IncrementalAlterConfigsRequest;
import io.runnel.protocol.message.InitProducerIdRequest;
import io.runnel.protocol.message.InitProducerIdResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.ListGroupsRequest;
import io.runnel.protocol.message.ListOffsetsRequest;
import io.runnel.protocol.message.ListOffsetsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.message.MetadataRequest;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.protocol.message.ProduceResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.Records;
import io.runnel.storage.LogAppendInfo;
import io.runnel.storage.index.TimestampOffset;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each Kafka API the broker speaks. Every handler returns a future: work that touches disk or ZooKeeper runs
 * on the broker's I/O threads, never on a network event loop, and a fetch completes when its long-poll does. A null
 * result means "no response" (a produce with {@code acks=0}).
 *
 * <p>Thread-safe; stateless apart from the producer-id block.
 */
public final class ApiHandlers {
    private static final Logger log = LoggerFactory.getLogger(ApiHandlers.class);
    private static final int PRODUCER_ID_BLOCK_SIZE = 1000;
    private static final MemoryRecords NO_RECORDS = MemoryRecords.wrap(ByteBuffer.allocate(0));

    /** The APIs this broker answers; ApiVersions advertises exactly these. */
    public static final Set<ApiKey> SUPPORTED = EnumSet.of(
            ApiKey.API_VERSIONS,
            ApiKey.METADATA,
            ApiKey.PRODUCE,
            ApiKey.FETCH,
            ApiKey.LIST_OFFSETS,
            ApiKey.CREATE_TOPICS,
            ApiKey.DELETE_TOPICS,
            ApiKey.DELETE_RECORDS,
            ApiKey.INIT_PRODUCER_ID,
            ApiKey.DESCRIBE_CONFIGS,
            ApiKey.ALTER_CONFIGS,
            ApiKey.INCREMENTAL_ALTER_CONFIGS,
            ApiKey.DESCRIBE_CLUSTER,
            ApiKey.FIND_COORDINATOR,
            ApiKey.JOIN_GROUP,
            ApiKey.SYNC_GROUP,
            ApiKey.HEARTBEAT,
            ApiKey.LEAVE_GROUP,
            ApiKey.OFFSET_COMMIT,
            ApiKey.OFFSET_FETCH,
            ApiKey.LIST_GROUPS,
            ApiKey.DESCRIBE_GROUPS,
            ApiKey.DELETE_GROUPS,
            ApiKey.OFFSET_DELETE);

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final PartitionManager partitions;
    private final ExecutorService ioExecutor;
    private final ConfigHandlers configs;
    private final TopicCreation topicCreation;
    private final GroupApis groups;
    private final String clusterId;
    private final Object producerIdLock = new Object();
    private long nextProducerId;
    private long producerIdBlockEnd;

    public ApiHandlers(
            BrokerConfig config,
            MetadataStore metadata,
            PartitionManager partitions,
            GroupApis groups,
            ExecutorService io) {
        this.config = config;
        this.groups = groups;
        this.metadata = metadata;
        this.partitions = partitions;
        this.ioExecutor = io;
        this.configs = new ConfigHandlers(config, metadata, partitions);
        this.topicCreation = new TopicCreation(metadata, partitions, config.maxPartitionsPerRequest());
        this.clusterId = metadata.clusterId();
    }

    /**
     * What a request's header and connection say about its sender: the client id (empty if none) and the client's
     * address, which groups record for their members.
     */
    public record RequestContext(String clientId, String clientHost) {}

    /**
     * Handles a decoded request.
     *
     * @return the response body, or null for none
     */
    public CompletableFuture<@Nullable Message> handle(ApiKey api, Message request, RequestContext context) {
        return switch (api) {
            case API_VERSIONS -> CompletableFuture.completedFuture(apiVersions());
            case METADATA -> async(() -> metadata((MetadataRequest) request));
            case PRODUCE -> async(() -> produce((ProduceRequest) request));
            case FETCH -> fetch((FetchRequest) request);
            case LIST_OFFSETS -> async(() -> listOffsets((ListOffsetsRequest) request));
            case CREATE_TOPICS -> async(() -> createTopics((CreateTopicsRequest) request));
            case DELETE_TOPICS -> async(() -> deleteTopics((DeleteTopicsRequest) request));
            case DELETE_RECORDS -> async(() -> deleteRecords((DeleteRecordsRequest) request));
            case INIT_PRODUCER_ID -> async(() -> initProducerId((InitProducerIdRequest) request));
            case DESCRIBE_CONFIGS -> async(() -> configs.describeConfigs((DescribeConfigsRequest) request));
            case ALTER_CONFIGS -> async(() -> configs.alterConfigs((AlterConfigsRequest) request));
            case INCREMENTAL_ALTER_CONFIGS ->
                async(() -> configs.incrementalAlterConfigs((IncrementalAlterConfigsRequest) request));
            case DESCRIBE_CLUSTER -> CompletableFuture.completedFuture(describeCluster());
            case FIND_COORDINATOR -> async(() -> groups.findCoordinator((FindCoordinatorRequest) request));
            case JOIN_GROUP -> groups.joinGroup((JoinGroupRequest) request, context.clientId(), context.clientHost());
            case SYNC_GROUP -> groups.syncGroup((SyncGroupRequest) request);
            case HEARTBEAT -> groups.heartbeat((HeartbeatRequest) request);
            case LEAVE_GROUP -> groups.leaveGroup((LeaveGroupRequest) request);
            case OFFSET_COMMIT -> groups.offsetCommit((OffsetCommitRequest) request);
            case OFFSET_FETCH -> groups.offsetFetch((OffsetFetchRequest) request);
            case OFFSET_DELETE -> groups.offsetDelete((OffsetDeleteRequest) request);
            case LIST_GROUPS -> groups.listGroups((ListGroupsRequest) request);
            case DESCRIBE_GROUPS -> groups.describeGroups((DescribeGroupsRequest) request);
            case DELETE_GROUPS -> groups.deleteGroups((DeleteGroupsRequest) request);
            default ->
                CompletableFuture.failedFuture(new io.runnel.protocol.errors.UnsupportedVersionException(
                        api + " is not supported by this broker"));
        };
    }

    private CompletableFuture<@Nullable Message> async(java.util.function.Supplier<@Nullable Message> work) {
        return CompletableFuture.supplyAsync(work, ioExecutor);
    }

    static ApiVersionsResponse apiVersions() {
        List<ApiVersionsResponse.ApiVersion> apis = new ArrayList<>();
        for (ApiKey key : SUPPORTED) {
            apis.add(new ApiVersionsResponse.ApiVersion(key.id(), key.version(), key.version()));
        }
        apis.sort((a, b) -> Short.compare(a.apiKey(), b.apiKey()));
        return new ApiVersionsResponse(Errors.NONE.code(), apis, 0, List.of(), -1L, List.of(), false);
    }

    private MetadataResponse metadata(MetadataRequest request) {
        List<MetadataResponse.MetadataResponseBroker> brokers = new ArrayList<>();
        Map<Integer, BrokerInfo> live = metadata.liveBrokers();
        for (BrokerInfo broker : live.values()) {
            brokers.add(new MetadataResponse.MetadataResponseBroker(
                    broker.id(), broker.host(), broker.port(), broker.rack()));
        }
        List<MetadataResponse.MetadataResponseTopic> results = new ArrayList<>();
        if (request.topics() == null) {
            for (TopicMetadata topic : metadata.topics().values()) {
                results.add(describeTopic(topic, live));
            }
        } else {
            // Lookups, not a copy of every topic: a request for one topic costs the same with 10 or 100,000 topics.
            for (MetadataRequest.MetadataRequestTopic wanted : request.topics()) {
                String name = wanted.name() != null
                        ? wanted.name()
                        : metadata.topicName(wanted.topicId()).orElse(null);
                TopicMetadata topic = name == null ? null : metadata.topic(name).orElse(null);
                if (topic == null && name != null && request.allowAutoTopicCreation() && config.autoCreateTopics()) {
                    topic = autoCreate(name);
                }
                if (topic == null) {
                    Errors error = name == null ? Errors.UNKNOWN_TOPIC_ID : Errors.UNKNOWN_TOPIC_OR_PARTITION;
                    results.add(new MetadataResponse.MetadataResponseTopic(
                            error.code(), name, wanted.topicId(), false, List.of(), Integer.MIN_VALUE));
                } else {
                    results.add(describeTopic(topic, live));
                }
            }
        }
        return new MetadataResponse(0, brokers, clusterId, config.brokerId(), results);
    }

    private @Nullable TopicMetadata autoCreate(String name) {
        try {
            return topicCreation.create(name, config.defaultPartitions(), config.defaultReplicationFactor(), Map.of());
        } catch (io.runnel.common.errors.TopicExistsException raced) {
            return metadata.topic(name).orElse(null);
        } catch (RuntimeException e) {
            log.warn("Could not auto-create topic {}: {}", name, e.getMessage());
            return null;
        }
    }

    private static MetadataResponse.MetadataResponseTopic describeTopic(
            TopicMetadata topic, Map<Integer, BrokerInfo> live) {
        List<MetadataResponse.MetadataResponsePartition> partitions = new ArrayList<>();
        topic.replicas().forEach((partition, replicas) -> {
            List<Integer> inSync = replicas.stream().filter(live::containsKey).toList();
            int leader = inSync.isEmpty() ? -1 : inSync.get(0);
            Errors error = leader < 0 ? Errors.LEADER_NOT_AVAILABLE : Errors.NONE;
            List<Integer> offline =
                    replicas.stream().filter(r -> !live.containsKey(r)).toList();
            partitions.add(new MetadataResponse.MetadataResponsePartition(
                    error.code(), partition, leader, 0, replicas, inSync, offline));
        });
        boolean internal = topic.name().equals(PartitionGroupLog.TOPIC);
        return new MetadataResponse.MetadataResponseTopic(
                Errors.NONE.code(), topic.name(), topic.topicId(), internal, partitions, Integer.MIN_VALUE);
    }

    private @Nullable ProduceResponse produce(ProduceRequest request) {
        if (request.transactionalId() != null) {
            return produceError(request, Errors.UNSUPPORTED_VERSION, "transactions are not supported yet");
        }
        if (request.acks() != 0 && request.acks() != 1 && request.acks() != -1) {
            return produceError(request, Errors.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1 (all)");
        }
        List<ProduceResponse.TopicProduceResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicProduceData topic : request.topicData()) {
            List<ProduceResponse.PartitionProduceResponse> results = new ArrayList<>();
            for (ProduceRequest.PartitionProduceData partition : topic.partitionData()) {
                results.add(appendPartition(
                        new TopicPartition(topic.name(), partition.index()), partition.records(), request.acks()));
            }
            topics.add(new ProduceResponse.TopicProduceResponse(topic.name(), results));
        }
        // acks=0: the producer expects no answer; errors were logged.
        return request.acks() == 0 ? null : new ProduceResponse(topics, 0, List.of());
    }

    private ProduceResponse.PartitionProduceResponse appendPartition(
            TopicPartition tp, @Nullable MemoryRecords records, short acks) {
        try {
            LogAppendInfo info = partitions.append(
                    tp, ProduceRecords.requireWholeBatches(tp, records).bufferForAppend(), 0, acks);
            return new ProduceResponse.PartitionProduceResponse(
                    tp.partition(),
                    Errors.NONE.code(),
                    info.firstOffset(),
                    info.logAppendTime(),
                    info.logStartOffset(),
                    List.of(),
                    null,
                    new ProduceResponse.LeaderIdAndEpoch(-1, -1));
        } catch (RuntimeException e) {
            Errors error = BrokerErrors.of(e);
            log.debug("Produce to {} failed with {}: {}", tp, error, e.getMessage());
            return new ProduceResponse.PartitionProduceResponse(
                    tp.partition(),
                    error.code(),
                    -1L,
                    -1L,
                    -1L,
                    List.of(),
                    e.getMessage(),
                    new ProduceResponse.LeaderIdAndEpoch(-1, -1));
        }
    }

    private static ProduceResponse produceError(ProduceRequest request, Errors error, String message) {
        List<ProduceResponse.TopicProduceResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicProduceData topic : request.topicData()) {
            List<ProduceResponse.PartitionProduceResponse> results = new ArrayList<>();
            for (ProduceRequest.PartitionProduceData partition : topic.partitionData()) {
                results.add(new ProduceResponse.PartitionProduceResponse(
                        partition.index(),
                        error.code(),
                        -1L,
                        -1L,
                        -1L,
                        List.of(),
                        message,
                        new ProduceResponse.LeaderIdAndEpoch(-1, -1)));
            }
            topics.add(new ProduceResponse.TopicProduceResponse(topic.name(), results));
        }
        return new ProduceResponse(topics, 0, List.of());
    }

    private CompletableFuture<@Nullable Message> fetch(FetchRequest request) {
        List<FetchPartition> wanted = new ArrayList<>();
        Map<TopicPartition, UUID> ids = new LinkedHashMap<>();
        List<FetchResponse.FetchableTopicResponse> unknown = new ArrayList<>();
        for (FetchRequest.FetchTopic topic : request.topics()) {
            String name = metadata.topicName(topic.topicId()).orElse(null);
            if (name == null) {
                List<FetchResponse.PartitionData> errors = new ArrayList<>();
                for (FetchRequest.FetchPartition partition : topic.partitions()) {
                    errors.add(partitionData(partition.partition(), Errors.UNKNOWN_TOPIC_ID, -1, -1, null));
                }
                unknown.add(new FetchResponse.FetchableTopicResponse(topic.topicId(), errors));
                continue;
            }
            for (FetchRequest.FetchPartition partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(name, partition.partition());
                wanted.add(new FetchPartition(tp, partition.fetchOffset(), partition.partitionMaxBytes()));
                ids.put(tp, topic.topicId());
            }
        }
        boolean fromFollower = request.replicaState().replicaId() >= 0;
        FetchSpec spec =
                new FetchSpec(wanted, request.maxWaitMs(), request.minBytes(), request.maxBytes(), fromFollower);
        CompletableFuture<@Nullable Message> response = new CompletableFuture<>();
        ioExecutor.execute(() -> partitions.fetch(spec, results -> {
            try {
                response.complete(fetchResponse(results, ids, unknown));
            } catch (RuntimeException e) {
                response.completeExceptionally(e);
            }
        }));
        return response;
    }

    private static FetchResponse fetchResponse(
            List<FetchResult> results,
            Map<TopicPartition, UUID> ids,
            List<FetchResponse.FetchableTopicResponse> unknown) {
        Map<UUID, List<FetchResponse.PartitionData>> byTopic = new LinkedHashMap<>();
        for (FetchResult result : results) {
            UUID id = ids.get(result.topicPartition());
            List<FetchResponse.PartitionData> list = byTopic.computeIfAbsent(id, k -> new ArrayList<>());
            if (result.error() != null) {
                list.add(partitionData(
                        result.topicPartition().partition(), BrokerErrors.of(result.error()), -1, -1, null));
            } else {
                list.add(partitionData(
                        result.topicPartition().partition(),
                        Errors.NONE,
                        result.highWatermark(),
                        result.logStartOffset(),
                        recordsOrEmpty(result.records())));
            }
        }
        List<FetchResponse.FetchableTopicResponse> topics = new ArrayList<>(unknown);
        byTopic.forEach((id, partitionData) -> topics.add(new FetchResponse.FetchableTopicResponse(id, partitionData)));
        return new FetchResponse(0, Errors.NONE.code(), 0, topics, List.of());
    }

    /** A fetched region, sent as is (zero copy, see {@code network.ResponseWriter}), or no records. */
    private static Records recordsOrEmpty(@Nullable FileRecords region) {
        return region == null ? NO_RECORDS : region;
    }

    private static FetchResponse.PartitionData partitionData(
            int partition, Errors error, long highWatermark, long logStartOffset, @Nullable Records records) {
        return new FetchResponse.PartitionData(
                partition,
                error.code(),
                highWatermark,
                highWatermark,
                logStartOffset,
                new FetchResponse.EpochEndOffset(-1, -1L),
                new FetchResponse.LeaderIdAndEpoch(-1, -1),
                new FetchResponse.SnapshotId(-1L, -1),
                null,
                -1,
                records);
    }

    private ListOffsetsResponse listOffsets(ListOffsetsRequest request) {
        List<ListOffsetsResponse.ListOffsetsTopicResponse> topics = new ArrayList<>();
        for (ListOffsetsRequest.ListOffsetsTopic topic : request.topics()) {
            List<ListOffsetsResponse.ListOffsetsPartitionResponse> results = new ArrayList<>();
            for (ListOffsetsRequest.ListOffsetsPartition partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                try {
                    Optional<TimestampOffset> found = partitions.listOffset(tp, partition.timestamp());
                    results.add(new ListOffsetsResponse.ListOffsetsPartitionResponse(
                            partition.partitionIndex(),
                            Errors.NONE.code(),
                            found.map(TimestampOffset::timestamp).orElse(RecordBatch.NO_TIMESTAMP),
                            found.map(TimestampOffset::offset).orElse(-1L),
                            0));
                } catch (RuntimeException e) {
                    results.add(new ListOffsetsResponse.ListOffsetsPartitionResponse(
                            partition.partitionIndex(), BrokerErrors.code(e), -1L, -1L, -1));
                }
            }
            topics.add(new ListOffsetsResponse.ListOffsetsTopicResponse(topic.name(), results));
        }
        return new ListOffsetsResponse(0, topics);
    }

    private CreateTopicsResponse createTopics(CreateTopicsRequest request) {
        List<CreateTopicsResponse.CreatableTopicResult> results = new ArrayList<>();
        long requestedPartitions = requestedPartitions(request);
        for (CreateTopicsRequest.CreatableTopic topic : request.topics()) {
            int partitionCount = topic.numPartitions() == -1 ? config.defaultPartitions() : topic.numPartitions();
            int replication =
                    topic.replicationFactor() == -1 ? config.defaultReplicationFactor() : topic.replicationFactor();
            Map<String, String> configs = new LinkedHashMap<>();
            for (CreateTopicsRequest.CreatableTopicConfig entry : topic.configs()) {
                if (entry.value() != null) {
                    configs.put(entry.name(), entry.value());
                }
            }
            try {
                // As Kafka, a request over the limit is refused whole.
                topicCreation.checkPartitionCount(requestedPartitions);
                if (!topic.assignments().isEmpty()) {
                    throw new InvalidConfigurationException("manual replica assignments are not supported yet");
                }
                config.logManager().defaultLogConfig().with(configs);
                UUID id = new UUID(0L, 0L);
                if (!request.validateOnly()) {
                    id = topicCreation
                            .create(topic.name(), partitionCount, replication, configs)
                            .topicId();
                } else {
                    io.runnel.broker.metadata.TopicNames.validate(topic.name());
                }
                results.add(new CreateTopicsResponse.CreatableTopicResult(
                        topic.name(),
                        id,
                        Errors.NONE.code(),
                        null,
                        Errors.NONE.code(),
                        partitionCount,
                        (short) replication,
                        describeConfigs(configs)));
            } catch (RuntimeException e) {
                results.add(new CreateTopicsResponse.CreatableTopicResult(
                        topic.name(),
                        new UUID(0L, 0L),
                        BrokerErrors.code(e),
                        e.getMessage(),
                        Errors.NONE.code(),
                        -1,
                        (short) -1,
                        null));
            }
        }
        return new CreateTopicsResponse(0, results);
    }

    /** The partitions a CreateTopics request asks for, all topics together. */
    private long requestedPartitions(CreateTopicsRequest request) {
        long total = 0;
        for (CreateTopicsRequest.CreatableTopic topic : request.topics()) {
            total += topic.numPartitions() == -1 ? config.defaultPartitions() : Math.max(0, topic.numPartitions());
        }
        return total;
    }

    /** The explicitly set configs of a new topic, as CreateTopics v5+ returns them (source: dynamic topic config). */
    private static List<CreateTopicsResponse.CreatableTopicConfigs> describeConfigs(Map<String, String> configs) {
        List<CreateTopicsResponse.CreatableTopicConfigs> described = new ArrayList<>();
        configs.forEach((name, value) ->
                described.add(new CreateTopicsResponse.CreatableTopicConfigs(name, value, false, (byte) 1, false)));
        return described;
    }

    private DeleteTopicsResponse deleteTopics(DeleteTopicsRequest request) {
        List<DeleteTopicsResponse.DeletableTopicResult> results = new ArrayList<>();
        for (DeleteTopicsRequest.DeleteTopicState topic : request.topics()) {
            String name = topic.name() != null
                    ? topic.name()
                    : metadata.topicName(topic.topicId()).orElse(null);
            try {
                if (name == null) {
                    results.add(new DeleteTopicsResponse.DeletableTopicResult(
                            null,
                            topic.topicId(),
                            Errors.UNKNOWN_TOPIC_ID.code(),
                            "unknown topic id " + topic.topicId()));
                    continue;
                }
                TopicMetadata existing = metadata.topic(name).orElse(null);
                metadata.deleteTopic(name);
                results.add(new DeleteTopicsResponse.DeletableTopicResult(
                        name, existing == null ? topic.topicId() : existing.topicId(), Errors.NONE.code(), null));
            } catch (RuntimeException e) {
                results.add(new DeleteTopicsResponse.DeletableTopicResult(
                        name, topic.topicId(), BrokerErrors.code(e), e.getMessage()));
            }
        }
        return new DeleteTopicsResponse(0, results);
    }

    private DeleteRecordsResponse deleteRecords(DeleteRecordsRequest request) {
        List<DeleteRecordsResponse.DeleteRecordsTopicResult> topics = new ArrayList<>();
        for (DeleteRecordsRequest.DeleteRecordsTopic topic : request.topics()) {
            List<DeleteRecordsResponse.DeleteRecordsPartitionResult> results = new ArrayList<>();
            for (DeleteRecordsRequest.DeleteRecordsPartition partition : topic.partitions()) {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partitionIndex());
                try {
                    long low = partitions.deleteRecords(tp, partition.offset());
                    results.add(new DeleteRecordsResponse.DeleteRecordsPartitionResult(
                            partition.partitionIndex(), low, Errors.NONE.code()));
                } catch (RuntimeException e) {
                    results.add(new DeleteRecordsResponse.DeleteRecordsPartitionResult(
                            partition.partitionIndex(), -1L, BrokerErrors.code(e)));
                }
            }
            topics.add(new DeleteRecordsResponse.DeleteRecordsTopicResult(topic.name(), results));
        }
        return new DeleteRecordsResponse(0, topics);
    }

    private InitProducerIdResponse initProducerId(InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            return new InitProducerIdResponse(0, Errors.UNSUPPORTED_VERSION.code(), -1L, (short) -1);
        }
        try {
            synchronized (producerIdLock) {
                if (nextProducerId >= producerIdBlockEnd) {
                    nextProducerId = metadata.allocateProducerIdBlock(PRODUCER_ID_BLOCK_SIZE);
                    producerIdBlockEnd = nextProducerId + PRODUCER_ID_BLOCK_SIZE;
                }
                return new InitProducerIdResponse(0, Errors.NONE.code(), nextProducerId++, (short) 0);
            }
        } catch (RuntimeException e) {
            return new InitProducerIdResponse(0, BrokerErrors.code(e), -1L, (short) -1);
        }
    }

    private DescribeClusterResponse describeCluster() {
        List<DescribeClusterResponse.DescribeClusterBroker> brokers = new ArrayList<>();
        for (BrokerInfo broker : metadata.liveBrokers().values()) {
            brokers.add(new DescribeClusterResponse.DescribeClusterBroker(
                    broker.id(), broker.host(), broker.port(), broker.rack()));
        }
        return new DescribeClusterResponse(
                0, Errors.NONE.code(), null, (byte) 1, clusterId, config.brokerId(), brokers, Integer.MIN_VALUE);
    }
}
