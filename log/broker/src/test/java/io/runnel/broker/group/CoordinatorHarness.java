package io.runnel.broker.group;

import io.runnel.protocol.message.HeartbeatRequest;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A {@link GroupCoordinator} owning every partition of an in-memory {@code __consumer_offsets}, stepped by a {@link
 * ManualTimer}, with short helpers for the requests the tests send. Member ids are {@code <clientId>-<n>}.
 */
final class CoordinatorHarness {
    static final int PARTITIONS = 3;
    static final int SESSION_MS = 10_000;
    static final int REBALANCE_MS = 30_000;

    final ManualTimer timer = new ManualTimer(1_000_000L);
    final MemoryGroupLog log;
    final GroupCoordinatorConfig config;
    final GroupCoordinator coordinator;

    CoordinatorHarness() {
        this(Map.of(), new MemoryGroupLog());
    }

    CoordinatorHarness(Map<String, Object> overrides) {
        this(overrides, new MemoryGroupLog());
    }

    /** A coordinator over {@code log}, loading every partition of it, as a restarted broker does. */
    CoordinatorHarness(Map<String, Object> overrides, MemoryGroupLog log) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("offsets.topic.num.partitions", PARTITIONS);
        configs.put("group.initial.rebalance.delay.ms", 0);
        configs.putAll(overrides);
        this.log = log;
        this.config = GroupCoordinatorConfig.fromMap(configs);
        AtomicInteger ids = new AtomicInteger();
        this.coordinator =
                new GroupCoordinator(config, log, timer, timer, 1, () -> Integer.toString(ids.incrementAndGet()));
        for (int p = 0; p < PARTITIONS; p++) {
            coordinator.load(p);
        }
    }

    /** The answer to a JoinGroup, or null while it is parked. */
    static final class Pending<T> {
        private final AtomicReference<@Nullable T> answer = new AtomicReference<>();

        void complete(T value) {
            if (!answer.compareAndSet(null, value)) {
                throw new AssertionError("answered twice: " + answer.get() + " then " + value);
            }
        }

        @Nullable
        T get() {
            return answer.get();
        }

        boolean done() {
            return answer.get() != null;
        }

        T value() {
            T value = answer.get();
            if (value == null) {
                throw new AssertionError("not answered yet");
            }
            return value;
        }
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }

    Pending<JoinGroupResponse> join(String group, String memberId, @Nullable String instanceId, String... protocols) {
        return join(group, memberId, instanceId, "consumer", SESSION_MS, protocols);
    }

    Pending<JoinGroupResponse> join(
            String group,
            String memberId,
            @Nullable String instanceId,
            String protocolType,
            int sessionMs,
            String... protocols) {
        List<JoinGroupRequest.JoinGroupRequestProtocol> list = new ArrayList<>();
        for (String protocol : protocols.length == 0 ? new String[] {"range"} : protocols) {
            list.add(new JoinGroupRequest.JoinGroupRequestProtocol(protocol, bytes("meta-" + protocol)));
        }
        Pending<JoinGroupResponse> pending = new Pending<>();
        coordinator.joinGroup(
                new JoinGroupRequest(group, sessionMs, REBALANCE_MS, memberId, instanceId, protocolType, list, null),
                "client",
                "/127.0.0.1",
                pending::complete);
        return pending;
    }

    /** The two-step join of a new dynamic member: MEMBER_ID_REQUIRED, then the join with the given id. */
    Pending<JoinGroupResponse> joinNew(String group, String... protocols) {
        JoinGroupResponse first = join(group, "", null, protocols).value();
        return join(group, first.memberId(), null, protocols);
    }

    Pending<SyncGroupResponse> sync(
            String group,
            int generation,
            String memberId,
            @Nullable String instanceId,
            Map<String, String> assignments) {
        List<SyncGroupRequest.SyncGroupRequestAssignment> list = new ArrayList<>();
        assignments.forEach((member, assignment) ->
                list.add(new SyncGroupRequest.SyncGroupRequestAssignment(member, bytes(assignment))));
        Pending<SyncGroupResponse> pending = new Pending<>();
        coordinator.syncGroup(
                new SyncGroupRequest(group, generation, memberId, instanceId, "consumer", null, list),
                pending::complete);
        return pending;
    }

    short heartbeat(String group, int generation, String memberId, @Nullable String instanceId) {
        return coordinator
                .heartbeat(new HeartbeatRequest(group, generation, memberId, instanceId))
                .errorCode();
    }

    LeaveGroupResponse leave(String group, String memberId, @Nullable String instanceId) {
        return coordinator.leaveGroup(new LeaveGroupRequest(
                group, List.of(new LeaveGroupRequest.MemberIdentity(memberId, instanceId, "test"))));
    }

    OffsetCommitResponse commit(
            String group, int generation, String memberId, String topic, int partition, long offset) {
        return commit(group, generation, memberId, topic, partition, offset, "");
    }

    OffsetCommitResponse commit(
            String group, int generation, String memberId, String topic, int partition, long offset, String metadata) {
        return coordinator.commitOffsets(new OffsetCommitRequest(
                group,
                generation,
                memberId,
                null,
                List.of(new OffsetCommitRequest.OffsetCommitRequestTopic(
                        topic,
                        List.of(new OffsetCommitRequest.OffsetCommitRequestPartition(
                                partition, offset, 7, metadata))))));
    }

    static short commitError(OffsetCommitResponse response) {
        return response.topics().get(0).partitions().get(0).errorCode();
    }

    OffsetFetchResponse.OffsetFetchResponsePartitions fetch(String group, String topic, int partition) {
        return coordinator
                .fetchOffsets(new OffsetFetchRequest.OffsetFetchRequestGroup(
                        group,
                        null,
                        -1,
                        List.of(new OffsetFetchRequest.OffsetFetchRequestTopics(topic, List.of(partition)))))
                .topics()
                .get(0)
                .partitions()
                .get(0);
    }

    /** A one-member group at generation 1, Stable with assignment {@code "a"}; returns the member id. */
    String stableSingleMemberGroup(String group) {
        JoinGroupResponse joined = joinNew(group).value();
        sync(group, joined.generationId(), joined.memberId(), null, Map.of(joined.memberId(), "a"))
                .value();
        return joined.memberId();
    }
}
