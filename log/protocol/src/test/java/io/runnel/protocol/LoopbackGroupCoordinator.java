package io.runnel.protocol;

import io.runnel.protocol.message.FindCoordinatorRequest;
import io.runnel.protocol.message.FindCoordinatorResponse;
import io.runnel.protocol.message.HeartbeatResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.LeaveGroupResponse;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetFetchRequest;
import io.runnel.protocol.message.OffsetFetchResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The group side of {@link LoopbackBroker}: just enough of a classic-protocol group coordinator for one consumer. The
 * first member to join becomes leader of generation 1 at once; the leader's assignment is handed back on SyncGroup;
 * committed offsets are kept in a map. Every method is called under the broker's lock.
 */
final class LoopbackGroupCoordinator {
    static final String GROUP_ID = "loopback-group";
    private static final String MEMBER_ID = "member-1";

    private final Map<String, Long> committed = new HashMap<>();
    private ByteBuffer assignment = ByteBuffer.allocate(0);

    FindCoordinatorResponse findCoordinator(FindCoordinatorRequest request, int port) {
        List<FindCoordinatorResponse.Coordinator> coordinators = new ArrayList<>();
        for (String key : request.coordinatorKeys()) {
            coordinators.add(new FindCoordinatorResponse.Coordinator(
                    key, LoopbackBroker.NODE_ID, "127.0.0.1", port, (short) 0, null));
        }
        return new FindCoordinatorResponse(0, coordinators);
    }

    JoinGroupResponse join(JoinGroupRequest request) {
        JoinGroupRequest.JoinGroupRequestProtocol protocol = request.protocols().get(0);
        return new JoinGroupResponse(
                0,
                (short) 0,
                1,
                request.protocolType(),
                protocol.name(),
                MEMBER_ID,
                false,
                MEMBER_ID,
                List.of(new JoinGroupResponse.JoinGroupResponseMember(
                        MEMBER_ID, request.groupInstanceId(), copy(protocol.metadata()))));
    }

    SyncGroupResponse sync(SyncGroupRequest request) {
        for (SyncGroupRequest.SyncGroupRequestAssignment a : request.assignments()) {
            if (a.memberId().equals(request.memberId())) {
                assignment = copy(a.assignment());
            }
        }
        return new SyncGroupResponse(0, (short) 0, request.protocolType(), request.protocolName(), assignment);
    }

    HeartbeatResponse heartbeat() {
        return new HeartbeatResponse(0, (short) 0);
    }

    OffsetFetchResponse fetchOffsets(OffsetFetchRequest request) {
        List<OffsetFetchResponse.OffsetFetchResponseGroup> groups = new ArrayList<>();
        for (OffsetFetchRequest.OffsetFetchRequestGroup group : request.groups()) {
            List<OffsetFetchResponse.OffsetFetchResponseTopics> topics = new ArrayList<>();
            List<OffsetFetchRequest.OffsetFetchRequestTopics> asked =
                    group.topics() == null ? List.of() : group.topics();
            for (OffsetFetchRequest.OffsetFetchRequestTopics topic : asked) {
                List<OffsetFetchResponse.OffsetFetchResponsePartitions> partitions = new ArrayList<>();
                for (int partition : topic.partitionIndexes()) {
                    long offset = committed.getOrDefault(topic.name() + "-" + partition, -1L);
                    partitions.add(new OffsetFetchResponse.OffsetFetchResponsePartitions(
                            partition, offset, -1, "", (short) 0));
                }
                topics.add(new OffsetFetchResponse.OffsetFetchResponseTopics(topic.name(), partitions));
            }
            groups.add(new OffsetFetchResponse.OffsetFetchResponseGroup(group.groupId(), topics, (short) 0));
        }
        return new OffsetFetchResponse(0, groups);
    }

    OffsetCommitResponse commitOffsets(OffsetCommitRequest request) {
        List<OffsetCommitResponse.OffsetCommitResponseTopic> topics = new ArrayList<>();
        for (OffsetCommitRequest.OffsetCommitRequestTopic topic : request.topics()) {
            List<OffsetCommitResponse.OffsetCommitResponsePartition> partitions = new ArrayList<>();
            for (OffsetCommitRequest.OffsetCommitRequestPartition p : topic.partitions()) {
                committed.put(topic.name() + "-" + p.partitionIndex(), p.committedOffset());
                partitions.add(new OffsetCommitResponse.OffsetCommitResponsePartition(p.partitionIndex(), (short) 0));
            }
            topics.add(new OffsetCommitResponse.OffsetCommitResponseTopic(topic.name(), partitions));
        }
        return new OffsetCommitResponse(0, topics);
    }

    LeaveGroupResponse leave(LeaveGroupRequest request) {
        List<LeaveGroupResponse.MemberResponse> members = new ArrayList<>();
        for (LeaveGroupRequest.MemberIdentity member : request.members()) {
            members.add(new LeaveGroupResponse.MemberResponse(member.memberId(), member.groupInstanceId(), (short) 0));
        }
        return new LeaveGroupResponse(0, (short) 0, members);
    }

    /** The committed offset of a partition, or -1. */
    long committed(String topic, int partition) {
        return committed.getOrDefault(topic + "-" + partition, -1L);
    }

    private static ByteBuffer copy(ByteBuffer view) {
        ByteBuffer copy = ByteBuffer.allocate(view.remaining());
        copy.put(view.duplicate());
        return copy.flip().asReadOnlyBuffer();
    }
}
