package io.runnel.protocol.errors;

import io.runnel.common.errors.CoordinatorLoadInProgressException;
import io.runnel.common.errors.CoordinatorNotAvailableException;
import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.FencedInstanceIdException;
import io.runnel.common.errors.GroupIdNotFoundException;
import io.runnel.common.errors.GroupMaxSizeReachedException;
import io.runnel.common.errors.GroupNotEmptyException;
import io.runnel.common.errors.GroupSubscribedToTopicException;
import io.runnel.common.errors.IllegalGenerationException;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.common.errors.InvalidGroupIdException;
import io.runnel.common.errors.InvalidPartitionsException;
import io.runnel.common.errors.InvalidProducerEpochException;
import io.runnel.common.errors.InvalidRecordException;
import io.runnel.common.errors.InvalidReplicationFactorException;
import io.runnel.common.errors.InvalidTimestampException;
import io.runnel.common.errors.InvalidTopicException;
import io.runnel.common.errors.LeaderNotAvailableException;
import io.runnel.common.errors.NetworkException;
import io.runnel.common.errors.NotCoordinatorException;
import io.runnel.common.errors.NotEnoughReplicasException;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.OutOfOrderSequenceException;
import io.runnel.common.errors.PolicyViolationException;
import io.runnel.common.errors.RebalanceInProgressException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.StorageException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownMemberIdException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's numeric error codes, both ways: {@link #forCode(short)} for a code read off the wire,
 * {@link #forException(Throwable)} for the code to put on the wire for an exception, and {@link #exception(String)}
 * for the exception a client raises for a code.
 *
 * <p>The codes, names, retriable flags and default messages are Kafka's ({@code org.apache.kafka.common.protocol.Errors}
 * in kafka-clients 4.4.0, 138 codes); a client that receives any of them can act on it. Where Runnel has a dedicated
 * exception type ({@code io.runnel.common.errors}, {@link InvalidRequestException}, {@link UnsupportedVersionException})
 * the mapping uses it; every other code maps to {@link ProtocolErrorException} or, for a retriable code,
 * {@link RetriableProtocolErrorException}, both of which carry the code.
 *
 * <p>Immutable and thread-safe.
 */
public enum Errors {
    UNKNOWN_SERVER_ERROR(-1, false, "The server experienced an unexpected error when processing the request."),
    NONE(0, false, "NONE"),
    OFFSET_OUT_OF_RANGE(1, false, "The requested offset is not within the range of offsets maintained by the server."),
    CORRUPT_MESSAGE(
            2,
            true,
            "This message has failed its CRC checksum, exceeds the valid size, has a null key for a compacted topic, or is otherwise corrupt."),
    UNKNOWN_TOPIC_OR_PARTITION(3, true, "This server does not host this topic-partition."),
    INVALID_FETCH_SIZE(4, false, "The requested fetch size is invalid."),
    LEADER_NOT_AVAILABLE(
            5, true, "There is no leader for this topic-partition as we are in the middle of a leadership election."),
    NOT_LEADER_OR_FOLLOWER(
            6,
            true,
            "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition."),
    REQUEST_TIMED_OUT(7, true, "The request timed out."),
    BROKER_NOT_AVAILABLE(8, false, "The broker is not available."),
    REPLICA_NOT_AVAILABLE(
            9,
            true,
            "The replica is not available for the requested topic-partition. Produce/Fetch requests and other requests intended only for the leader or follower return NOT_LEADER_OR_FOLLOWER if the broker is not a replica of the topic-partition."),
    MESSAGE_TOO_LARGE(
            10, false, "The request included a message larger than the max message size the server will accept."),
    STALE_CONTROLLER_EPOCH(11, false, "The controller moved to another broker."),
    OFFSET_METADATA_TOO_LARGE(12, false, "The metadata field of the offset request was too large."),
    NETWORK_EXCEPTION(13, true, "The server disconnected before a response was received."),
    COORDINATOR_LOAD_IN_PROGRESS(14, true, "The coordinator is loading and hence can't process requests."),
    COORDINATOR_NOT_AVAILABLE(15, true, "The coordinator is not available."),
    NOT_COORDINATOR(16, true, "This is not the correct coordinator."),
    INVALID_TOPIC_EXCEPTION(17, false, "The request attempted to perform an operation on an invalid topic."),
    RECORD_LIST_TOO_LARGE(
            18, false, "The request included message batch larger than the configured segment size on the server."),
    NOT_ENOUGH_REPLICAS(19, true, "Messages are rejected since there are fewer in-sync replicas than required."),
    NOT_ENOUGH_REPLICAS_AFTER_APPEND(
            20, true, "Messages are written to the log, but to fewer in-sync replicas than required."),
    INVALID_REQUIRED_ACKS(21, false, "Produce request specified an invalid value for required acks."),
    ILLEGAL_GENERATION(22, false, "Specified group generation id is not valid."),
    INCONSISTENT_GROUP_PROTOCOL(
            23,
            false,
            "The group member's supported protocols are incompatible with those of existing members or first group member tried to join with empty protocol type or empty protocol list."),
    INVALID_GROUP_ID(24, false, "The group id is invalid."),
    UNKNOWN_MEMBER_ID(25, false, "The coordinator is not aware of this member."),
    INVALID_SESSION_TIMEOUT(
            26,
            false,
            "The session timeout is not within the range allowed by the broker (as configured by group.min.session.timeout.ms and group.max.session.timeout.ms)."),
    REBALANCE_IN_PROGRESS(27, false, "The group is rebalancing, so a rejoin is needed."),
    INVALID_COMMIT_OFFSET_SIZE(28, false, "The committing offset data size is not valid."),
    TOPIC_AUTHORIZATION_FAILED(29, false, "Topic authorization failed."),
    GROUP_AUTHORIZATION_FAILED(30, false, "Group authorization failed."),
    CLUSTER_AUTHORIZATION_FAILED(31, false, "Cluster authorization failed."),
    INVALID_TIMESTAMP(32, false, "The timestamp of the message is out of acceptable range."),
    UNSUPPORTED_SASL_MECHANISM(33, false, "The broker does not support the requested SASL mechanism."),
    ILLEGAL_SASL_STATE(34, false, "Request is not valid given the current SASL state."),
    UNSUPPORTED_VERSION(35, false, "The version of API is not supported."),
    TOPIC_ALREADY_EXISTS(36, false, "Topic with this name already exists."),
    INVALID_PARTITIONS(37, false, "Number of partitions is below 1."),
    INVALID_REPLICATION_FACTOR(
            38, false, "Replication factor is below 1 or larger than the number of available brokers."),
    INVALID_REPLICA_ASSIGNMENT(39, false, "Replica assignment is invalid."),
    INVALID_CONFIG(40, false, "Configuration is invalid."),
    NOT_CONTROLLER(41, true, "This is not the correct controller for this cluster."),
    INVALID_REQUEST(
            42,
            false,
            "This most likely occurs because of a request being malformed by the client library or the message was sent to an incompatible broker. See the broker logs for more details."),
    UNSUPPORTED_FOR_MESSAGE_FORMAT(43, false, "The message format version on the broker does not support the request."),
    POLICY_VIOLATION(44, false, "Request parameters do not satisfy the configured policy."),
    OUT_OF_ORDER_SEQUENCE_NUMBER(45, false, "The broker received an out of order sequence number."),
    DUPLICATE_SEQUENCE_NUMBER(46, false, "The broker received a duplicate sequence number."),
    INVALID_PRODUCER_EPOCH(47, false, "Producer attempted to produce with an old epoch."),
    INVALID_TXN_STATE(48, false, "The producer attempted a transactional operation in an invalid state."),
    INVALID_PRODUCER_ID_MAPPING(
            49,
            false,
            "The producer attempted to use a producer id which is not currently assigned to its transactional id."),
    INVALID_TRANSACTION_TIMEOUT(
            50,
            false,
            "The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms)."),
    CONCURRENT_TRANSACTIONS(
            51,
            true,
            "The producer attempted to update a transaction while another concurrent operation on the same transaction was ongoing."),
    TRANSACTION_COORDINATOR_FENCED(
            52,
            false,
            "Indicates that the transaction coordinator sending a WriteTxnMarker is no longer the current coordinator for a given producer."),
    TRANSACTIONAL_ID_AUTHORIZATION_FAILED(53, false, "Transactional Id authorization failed."),
    SECURITY_DISABLED(54, false, "Security features are disabled."),
    OPERATION_NOT_ATTEMPTED(
            55,
            false,
            "The broker did not attempt to execute this operation. This may happen for batched RPCs where some operations in the batch failed, causing the broker to respond without trying the rest."),
    KAFKA_STORAGE_ERROR(56, true, "Disk error when trying to access log file on the disk."),
    LOG_DIR_NOT_FOUND(57, false, "The user-specified log directory is not found in the broker config."),
    SASL_AUTHENTICATION_FAILED(58, false, "SASL Authentication failed."),
    UNKNOWN_PRODUCER_ID(
            59,
            false,
            "This exception is raised by the broker if it could not locate the producer metadata associated with the producerId in question. This could happen if, for instance, the producer's records were deleted because their retention time had elapsed. Once the last records of the producerId are removed, the producer's metadata is removed from the broker, and future appends by the producer will return this exception."),
    REASSIGNMENT_IN_PROGRESS(60, false, "A partition reassignment is in progress."),
    DELEGATION_TOKEN_AUTH_DISABLED(61, false, "Delegation Token feature is not enabled."),
    DELEGATION_TOKEN_NOT_FOUND(62, false, "Delegation Token is not found on server."),
    DELEGATION_TOKEN_OWNER_MISMATCH(63, false, "Specified Principal is not valid Owner/Renewer."),
    DELEGATION_TOKEN_REQUEST_NOT_ALLOWED(
            64,
            false,
            "Delegation Token requests are not allowed on PLAINTEXT/1-way SSL channels and on delegation token authenticated channels."),
    DELEGATION_TOKEN_AUTHORIZATION_FAILED(65, false, "Delegation Token authorization failed."),
    DELEGATION_TOKEN_EXPIRED(66, false, "Delegation Token is expired."),
    INVALID_PRINCIPAL_TYPE(67, false, "Supplied principalType is not supported."),
    NON_EMPTY_GROUP(68, false, "The group is not empty."),
    GROUP_ID_NOT_FOUND(69, false, "The group id does not exist."),
    FETCH_SESSION_ID_NOT_FOUND(70, true, "The fetch session ID was not found."),
    INVALID_FETCH_SESSION_EPOCH(71, true, "The fetch session epoch is invalid."),
    LISTENER_NOT_FOUND(
            72,
            true,
            "There is no listener on the leader broker that matches the listener on which metadata request was processed."),
    TOPIC_DELETION_DISABLED(73, false, "Topic deletion is disabled."),
    FENCED_LEADER_EPOCH(74, true, "The leader epoch in the request is older than the epoch on the broker."),
    UNKNOWN_LEADER_EPOCH(75, true, "The leader epoch in the request is newer than the epoch on the broker."),
    UNSUPPORTED_COMPRESSION_TYPE(
            76, false, "The requesting client does not support the compression type of given partition."),
    STALE_BROKER_EPOCH(77, false, "Broker epoch has changed."),
    OFFSET_NOT_AVAILABLE(
            78,
            true,
            "The leader high watermark has not caught up from a recent leader election so the offsets cannot be guaranteed to be monotonically increasing."),
    MEMBER_ID_REQUIRED(
            79, false, "The group member needs to have a valid member id before actually entering a consumer group."),
    PREFERRED_LEADER_NOT_AVAILABLE(80, true, "The preferred leader was not available."),
    GROUP_MAX_SIZE_REACHED(81, false, "The group has reached its maximum size."),
    FENCED_INSTANCE_ID(
            82,
            false,
            "The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id."),
    ELIGIBLE_LEADERS_NOT_AVAILABLE(83, true, "Eligible topic partition leaders are not available."),
    ELECTION_NOT_NEEDED(84, true, "Leader election not needed for topic partition."),
    NO_REASSIGNMENT_IN_PROGRESS(85, false, "No partition reassignment is in progress."),
    GROUP_SUBSCRIBED_TO_TOPIC(
            86,
            false,
            "Deleting offsets of a topic is forbidden while the consumer group is actively subscribed to it."),
    INVALID_RECORD(87, false, "This record has failed the validation on broker and hence will be rejected."),
    UNSTABLE_OFFSET_COMMIT(88, true, "There are unstable offsets that need to be cleared."),
    THROTTLING_QUOTA_EXCEEDED(89, true, "The throttling quota has been exceeded."),
    PRODUCER_FENCED(90, false, "There is a newer producer with the same transactionalId which fences the current one."),
    RESOURCE_NOT_FOUND(91, false, "A request illegally referred to a resource that does not exist."),
    DUPLICATE_RESOURCE(92, false, "A request illegally referred to the same resource twice."),
    UNACCEPTABLE_CREDENTIAL(93, false, "Requested credential would not meet criteria for acceptability."),
    INCONSISTENT_VOTER_SET(
            94,
            false,
            "Indicates that the either the sender or recipient of a voter-only request is not one of the expected voters."),
    INVALID_UPDATE_VERSION(95, false, "The given update version was invalid."),
    FEATURE_UPDATE_FAILED(96, false, "Unable to update finalized features due to an unexpected server error."),
    PRINCIPAL_DESERIALIZATION_FAILURE(
            97,
            false,
            "Request principal deserialization failed during forwarding. This indicates an internal error on the broker cluster security setup."),
    SNAPSHOT_NOT_FOUND(98, false, "Requested snapshot was not found."),
    POSITION_OUT_OF_RANGE(
            99,
            false,
            "Requested position is not greater than or equal to zero, and less than the size of the snapshot."),
    UNKNOWN_TOPIC_ID(100, true, "This server does not host this topic ID."),
    DUPLICATE_BROKER_REGISTRATION(101, false, "This broker ID is already in use."),
    BROKER_ID_NOT_REGISTERED(102, false, "The given broker ID was not registered."),
    INCONSISTENT_TOPIC_ID(103, true, "The log's topic ID did not match the topic ID in the request."),
    INCONSISTENT_CLUSTER_ID(104, false, "The clusterId in the request does not match that found on the server."),
    TRANSACTIONAL_ID_NOT_FOUND(105, false, "The transactionalId could not be found."),
    FETCH_SESSION_TOPIC_ID_ERROR(106, true, "The fetch session encountered inconsistent topic ID usage."),
    INELIGIBLE_REPLICA(107, false, "The new ISR contains at least one ineligible replica."),
    NEW_LEADER_ELECTED(
            108,
            false,
            "The AlterPartition request successfully updated the partition state but the leader has changed."),
    OFFSET_MOVED_TO_TIERED_STORAGE(109, false, "The requested offset is moved to tiered storage."),
    FENCED_MEMBER_EPOCH(
            110,
            false,
            "The member epoch is fenced by the group coordinator. The member must abandon all its partitions and rejoin."),
    UNRELEASED_INSTANCE_ID(
            111,
            false,
            "The instance ID is still used by another member in the consumer group. That member must leave first."),
    UNSUPPORTED_ASSIGNOR(112, false, "The assignor or its version range is not supported by the consumer group."),
    STALE_MEMBER_EPOCH(
            113,
            false,
            "The member epoch is stale. The member must retry after receiving its updated member epoch via the ConsumerGroupHeartbeat API."),
    MISMATCHED_ENDPOINT_TYPE(114, false, "The request was sent to an endpoint of the wrong type."),
    UNSUPPORTED_ENDPOINT_TYPE(115, false, "This endpoint type is not supported yet."),
    UNKNOWN_CONTROLLER_ID(116, false, "This controller ID is not known."),
    UNKNOWN_SUBSCRIPTION_ID(
            117, false, "Client sent a push telemetry request with an invalid or outdated subscription ID."),
    TELEMETRY_TOO_LARGE(
            118, false, "Client sent a push telemetry request larger than the maximum size the broker will accept."),
    INVALID_REGISTRATION(119, false, "The controller has considered the broker registration to be invalid."),
    TRANSACTION_ABORTABLE(
            120,
            false,
            "The server encountered an error with the transaction. The client can abort the transaction to continue using this transactional ID."),
    INVALID_RECORD_STATE(
            121, false, "The record state is invalid. The acknowledgement of delivery could not be completed."),
    SHARE_SESSION_NOT_FOUND(122, true, "The share session was not found."),
    INVALID_SHARE_SESSION_EPOCH(123, true, "The share session epoch is invalid."),
    FENCED_STATE_EPOCH(124, false, "The coordinator rejected the request because the state epoch did not match."),
    INVALID_VOTER_KEY(125, false, "The voter key doesn't match the receiving replica's key."),
    DUPLICATE_VOTER(126, false, "The voter is already part of the set of voters."),
    VOTER_NOT_FOUND(127, false, "The voter is not part of the set of voters."),
    INVALID_REGULAR_EXPRESSION(128, false, "The regular expression is not valid."),
    REBOOTSTRAP_REQUIRED(129, false, "Client metadata is stale. The client should rebootstrap to obtain new metadata."),
    STREAMS_INVALID_TOPOLOGY(130, false, "The supplied topology is invalid."),
    STREAMS_INVALID_TOPOLOGY_EPOCH(131, false, "The supplied topology epoch is invalid."),
    STREAMS_TOPOLOGY_FENCED(132, false, "The supplied topology epoch is outdated."),
    SHARE_SESSION_LIMIT_REACHED(133, true, "The limit of share sessions has been reached."),
    GROUP_DELETION_FAILED(
            134, false, "DeleteGroups could not complete; see the error message on the per-group result for details."),
    STREAMS_TOPOLOGY_DESCRIPTION_UPDATE_FAILED(
            135,
            false,
            "The broker could not process the topology description update; see the error message for details."),
    CONTROLLER_ID_NOT_REGISTERED(136, false, "The given controller ID was not registered.");

    private static final Map<Short, Errors> BY_CODE = byCode();

    private final short code;
    private final boolean retriable;
    private final String defaultMessage;

    Errors(int code, boolean retriable, String defaultMessage) {
        this.code = (short) code;
        this.retriable = retriable;
        this.defaultMessage = defaultMessage;
    }

    /** The code on the wire. */
    public short code() {
        return code;
    }

    /** Whether Kafka's clients retry an operation that failed with this error. */
    public boolean retriable() {
        return retriable;
    }

    /** Kafka's description of the error, used when no more specific message is at hand. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /**
     * The error with this code, or {@link #UNKNOWN_SERVER_ERROR} for a code this table does not know (as Kafka's
     * clients do with codes from a newer broker).
     */
    public static Errors forCode(short code) {
        Errors error = BY_CODE.get(code);
        return error == null ? UNKNOWN_SERVER_ERROR : error;
    }

    /**
     * The exception a client raises for this error, with {@code message} or, if it is null, the default message.
     *
     * @return the exception, or null for {@link #NONE}
     */
    public @Nullable RunnelException exception(@Nullable String message) {
        String text = message == null ? defaultMessage : message;
        return switch (this) {
            case NONE -> null;
            case OFFSET_OUT_OF_RANGE -> new OffsetOutOfRangeException(text);
            case CORRUPT_MESSAGE -> new CorruptRecordException(text);
            case MESSAGE_TOO_LARGE -> new RecordTooLargeException(text);
            case INVALID_TIMESTAMP -> new InvalidTimestampException(text);
            case INVALID_CONFIG -> new InvalidConfigurationException(text);
            case INVALID_RECORD -> new InvalidRecordException(text);
            case KAFKA_STORAGE_ERROR -> new StorageException(text);
            case UNKNOWN_TOPIC_OR_PARTITION -> new UnknownTopicOrPartitionException(text);
            case TOPIC_ALREADY_EXISTS -> new TopicExistsException(text);
            case INVALID_TOPIC_EXCEPTION -> new InvalidTopicException(text);
            case INVALID_PARTITIONS -> new InvalidPartitionsException(text);
            case POLICY_VIOLATION -> new PolicyViolationException(text);
            case INVALID_REPLICATION_FACTOR -> new InvalidReplicationFactorException(text);
            case INVALID_REQUEST -> new InvalidRequestException(text);
            case UNSUPPORTED_VERSION -> new UnsupportedVersionException(text);
            case REQUEST_TIMED_OUT -> new TimeoutException(text);
            case LEADER_NOT_AVAILABLE -> new LeaderNotAvailableException(text);
            case NOT_ENOUGH_REPLICAS -> new NotEnoughReplicasException(text);
            case OUT_OF_ORDER_SEQUENCE_NUMBER -> new OutOfOrderSequenceException(text);
            case INVALID_PRODUCER_EPOCH -> new InvalidProducerEpochException(text);
            case NETWORK_EXCEPTION -> new NetworkException(text);
            case COORDINATOR_LOAD_IN_PROGRESS -> new CoordinatorLoadInProgressException(text);
            case COORDINATOR_NOT_AVAILABLE -> new CoordinatorNotAvailableException(text);
            case NOT_COORDINATOR -> new NotCoordinatorException(text);
            case ILLEGAL_GENERATION -> new IllegalGenerationException(text);
            case INVALID_GROUP_ID -> new InvalidGroupIdException(text);
            case UNKNOWN_MEMBER_ID -> new UnknownMemberIdException(text);
            case REBALANCE_IN_PROGRESS -> new RebalanceInProgressException(text);
            case NON_EMPTY_GROUP -> new GroupNotEmptyException(text);
            case GROUP_ID_NOT_FOUND -> new GroupIdNotFoundException(text);
            case GROUP_SUBSCRIBED_TO_TOPIC -> new GroupSubscribedToTopicException(text);
            case FENCED_INSTANCE_ID -> new FencedInstanceIdException(text);
            case GROUP_MAX_SIZE_REACHED -> new GroupMaxSizeReachedException(text);
            default ->
                retriable ? new RetriableProtocolErrorException(this, text) : new ProtocolErrorException(this, text);
        };
    }

    /**
     * The error to send for an exception: the code it carries, or the code of its type, or
     * {@link #UNKNOWN_SERVER_ERROR} for anything else (a bug, which the caller logs).
     */
    public static Errors forException(Throwable exception) {
        if (exception instanceof ProtocolError carrier) {
            return carrier.error();
        }
        if (exception instanceof OffsetOutOfRangeException) {
            return OFFSET_OUT_OF_RANGE;
        }
        if (exception instanceof CorruptRecordException) {
            return CORRUPT_MESSAGE;
        }
        if (exception instanceof RecordTooLargeException) {
            return MESSAGE_TOO_LARGE;
        }
        if (exception instanceof InvalidTimestampException) {
            return INVALID_TIMESTAMP;
        }
        if (exception instanceof InvalidConfigurationException) {
            return INVALID_CONFIG;
        }
        if (exception instanceof InvalidRecordException) {
            return INVALID_RECORD;
        }
        if (exception instanceof StorageException) {
            return KAFKA_STORAGE_ERROR;
        }
        if (exception instanceof UnknownTopicOrPartitionException) {
            return UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (exception instanceof TopicExistsException) {
            return TOPIC_ALREADY_EXISTS;
        }
        if (exception instanceof InvalidTopicException) {
            return INVALID_TOPIC_EXCEPTION;
        }
        if (exception instanceof PolicyViolationException) {
            return POLICY_VIOLATION;
        }
        if (exception instanceof InvalidPartitionsException) {
            return INVALID_PARTITIONS;
        }
        if (exception instanceof InvalidReplicationFactorException) {
            return INVALID_REPLICATION_FACTOR;
        }
        if (exception instanceof LeaderNotAvailableException) {
            return LEADER_NOT_AVAILABLE;
        }
        if (exception instanceof NotEnoughReplicasException) {
            return NOT_ENOUGH_REPLICAS;
        }
        if (exception instanceof OutOfOrderSequenceException) {
            return OUT_OF_ORDER_SEQUENCE_NUMBER;
        }
        if (exception instanceof InvalidProducerEpochException) {
            return INVALID_PRODUCER_EPOCH;
        }
        if (exception instanceof TimeoutException) {
            return REQUEST_TIMED_OUT;
        }
        if (exception instanceof NetworkException) {
            return NETWORK_EXCEPTION;
        }
        if (exception instanceof CoordinatorLoadInProgressException) {
            return COORDINATOR_LOAD_IN_PROGRESS;
        }
        if (exception instanceof CoordinatorNotAvailableException) {
            return COORDINATOR_NOT_AVAILABLE;
        }
        if (exception instanceof NotCoordinatorException) {
            return NOT_COORDINATOR;
        }
        if (exception instanceof IllegalGenerationException) {
            return ILLEGAL_GENERATION;
        }
        if (exception instanceof FencedInstanceIdException) {
            return FENCED_INSTANCE_ID;
        }
        if (exception instanceof InvalidGroupIdException) {
            return INVALID_GROUP_ID;
        }
        if (exception instanceof UnknownMemberIdException) {
            return UNKNOWN_MEMBER_ID;
        }
        if (exception instanceof RebalanceInProgressException) {
            return REBALANCE_IN_PROGRESS;
        }
        if (exception instanceof GroupNotEmptyException) {
            return NON_EMPTY_GROUP;
        }
        if (exception instanceof GroupIdNotFoundException) {
            return GROUP_ID_NOT_FOUND;
        }
        if (exception instanceof GroupSubscribedToTopicException) {
            return GROUP_SUBSCRIBED_TO_TOPIC;
        }
        if (exception instanceof GroupMaxSizeReachedException) {
            return GROUP_MAX_SIZE_REACHED;
        }
        return UNKNOWN_SERVER_ERROR;
    }

    private static Map<Short, Errors> byCode() {
        Map<Short, Errors> map = new HashMap<>();
        for (Errors error : values()) {
            if (map.put(error.code, error) != null) {
                throw new IllegalStateException("duplicate error code " + error.code);
            }
        }
        return Map.copyOf(map);
    }
}
