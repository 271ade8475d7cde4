package io.runnel.client.consumer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.Node;
import io.runnel.client.consumer.CommitFailedException;
import io.runnel.client.consumer.ConsumerConfig.OffsetReset;
import io.runnel.client.consumer.ConsumerPartitionAssignor;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.client.consumer.CooperativeStickyAssignor;
import io.runnel.client.consumer.OffsetAndMetadata;
import io.runnel.client.consumer.RangeAssignor;
import io.runnel.client.internal.Cluster;
import io.runnel.client.internal.MockClient;
import io.runnel.client.internal.MockTime;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.FencedInstanceIdException;
import io.runnel.common.errors.RebalanceInProgressException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.FindCoordinatorResponse;
import io.runnel.protocol.message.HeartbeatRequest;
import io.runnel.protocol.message.HeartbeatResponse;
import io.runnel.protocol.message.JoinGroupRequest;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.LeaveGroupRequest;
import io.runnel.protocol.message.LeaveGroupResponse;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.protocol.message.OffsetCommitRequest;
import io.runnel.protocol.message.OffsetCommitResponse;
import io.runnel.protocol.message.OffsetFetchResponse;
import io.runnel.protocol.message.SyncGroupRequest;
import io.runnel.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The group client stepped over a scripted network and a manual clock: the I/O thread's part with {@link #step}, the
 * application's with {@code coordinator.poll(now)}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConsumerCoordinatorTest {
    static final TopicPartition T0 = new TopicPartition("t", 0);
    static final TopicPartition T1 = new TopicPartition("t", 1);
    static final List<Node> BROKERS = List.of(new Node(1, "h", 9092));
    static final Cluster CLUSTER = Cluster.from(new MetadataResponse(
            0,
            List.of(new MetadataResponse.MetadataResponseBroker(1, "h", 9092, null)),
            "c",
            1,
            List.of(new MetadataResponse.MetadataResponseTopic(
                    (short) 0,
                    "t",
                    UUID.randomUUID(),
                    false,
                    List.of(
                            new MetadataResponse.MetadataResponsePartition(
                                    (short) 0, 0, 1, 0, List.of(1), List.of(1), List.of()),
                            new MetadataResponse.MetadataResponsePartition(
                                    (short) 0, 1, 1, 0, List.of(1), List.of(1), List.of())),
                    0))));

    final MockTime time = new MockTime(1_000_000L);
    final MockClient client = new MockClient();
    final SubscriptionState subscriptions = new SubscriptionState(OffsetReset.EARLIEST, true);
    final TopicSubscription subscription = new TopicSubscription();
    final List<String> events = new ArrayList<>();
    final ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            events.add("revoked " + partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            events.add("assigned " + partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            events.add("lost " + partitions);
        }
    };

    ConsumerCoordinator coordinator = coordinator(Optional.empty(), new RangeAssignor());

    ConsumerCoordinator coordinator(Optional<String> instanceId, ConsumerPartitionAssignor assignor) {
        return new ConsumerCoordinator(
                new GroupSettings("g", instanceId, 10_000, 1_000, 30_000, false, 5_000, true, 30_000, 100),
                List.of(assignor),
                subscriptions,
                subscription,
                client,
                time,
                () -> {},
                "");
    }

    /** One pass of the I/O thread: the network delivers what was answered, then the group client acts. */
    void step() {
        client.poll(0, time.milliseconds());
        coordinator.poll(CLUSTER, BROKERS, time.milliseconds(), 1);
    }

    MockClient.Sent expect(ApiKey apiKey) {
        step();
        MockClient.Sent sent = client.next();
        assertThat(sent.apiKey()).isEqualTo(apiKey);
        return sent;
    }

    void subscribe() {
        subscription.subscribe(Set.of("t"), listener);
        coordinator.subscribed(true);
        coordinator.poll(time.milliseconds());
        client.respond(
                expect(ApiKey.FIND_COORDINATOR),
                new FindCoordinatorResponse(
                        0, List.of(new FindCoordinatorResponse.Coordinator("g", 1, "h", 9092, (short) 0, null))));
    }

    static JoinGroupResponse joined(String memberId, String leader, int generation, List<String> members) {
        List<JoinGroupResponse.JoinGroupResponseMember> wire = new ArrayList<>();
        for (String member : members) {
            wire.add(new JoinGroupResponse.JoinGroupResponseMember(
                    member, null, ConsumerProtocol.serializeSubscription(new Subscription(List.of("t")))));
        }
        return new JoinGroupResponse(0, (short) 0, generation, "consumer", "range", leader, false, memberId, wire);
    }

    static JoinGroupResponse joinError(Errors error, String memberId) {
        return new JoinGroupResponse(0, error.code(), -1, null, null, "", false, memberId, List.of());
    }

    static SyncGroupResponse synced(List<TopicPartition> partitions) {
        return new SyncGroupResponse(
                0, (short) 0, "consumer", "range", ConsumerProtocol.serializeAssignment(new Assignment(partitions)));
    }

    /** Subscribes and completes a rebalance as a follower that gets {@code partitions} in {@code generation}. */
    void joinAsFollower(int generation, List<TopicPartition> partitions) {
        subscribe();
        client.respond(expect(ApiKey.JOIN_GROUP), joined("m1", "leader", generation, List.of()));
        client.respond(expect(ApiKey.SYNC_GROUP), synced(partitions));
        step();
        coordinator.poll(time.milliseconds());
    }

    @Test
    void shouldJoinAgainWithTheGivenMemberIdWhenTheCoordinatorRequiresOne() {
        subscribe();

        MockClient.Sent first = expect(ApiKey.JOIN_GROUP);
        client.respond(first, joinError(Errors.MEMBER_ID_REQUIRED, "m1"));
        MockClient.Sent second = expect(ApiKey.JOIN_GROUP);

        assertThat(((JoinGroupRequest) first.body()).memberId()).isEmpty();
        assertThat(((JoinGroupRequest) second.body()).memberId()).isEqualTo("m1");
        assertThat(((JoinGroupRequest) second.body()).protocolType()).isEqualTo("consumer");
        assertThat(((JoinGroupRequest) second.body()).rebalanceTimeoutMs()).isEqualTo(30_000);
    }

    @Test
    void shouldAssignEveryPartitionAndCallTheListenerWhenLeaderSyncs() {
        subscribe();
        client.respond(expect(ApiKey.JOIN_GROUP), joined("m1", "m1", 1, List.of("m1", "m2")));

        SyncGroupRequest sync = (SyncGroupRequest) expect(ApiKey.SYNC_GROUP).body();

        assertThat(sync.generationId()).isEqualTo(1);
        assertThat(sync.assignments()).hasSize(2);
        List<TopicPartition> all = new ArrayList<>();
        sync.assignments()
                .forEach(a -> all.addAll(
                        ConsumerProtocol.deserializeAssignment(a.assignment()).partitions()));
        assertThat(all).containsExactlyInAnyOrder(T0, T1);
    }

    @Test
    void shouldApplyTheAssignmentOnTheApplicationThreadWhenSyncCompletes() {
        joinAsFollower(3, List.of(T0, T1));

        assertThat(subscriptions.assignment()).containsExactlyInAnyOrder(T0, T1);
        assertThat(events).containsExactly("assigned [t-0, t-1]");
        assertThat(coordinator.groupMetadata().generationId()).isEqualTo(3);
        assertThat(coordinator.groupMetadata().memberId()).isEqualTo("m1");
    }

    @Test
    void shouldStartFromCommittedOffsetsOrTheResetPolicyWhenPartitionsAreAssigned() {
        joinAsFollower(1, List.of(T0, T1));

        MockClient.Sent fetch = expect(ApiKey.OFFSET_FETCH);
        client.respond(
                fetch,
                new OffsetFetchResponse(
                        0,
                        List.of(new OffsetFetchResponse.OffsetFetchResponseGroup(
                                "g",
                                List.of(new OffsetFetchResponse.OffsetFetchResponseTopics(
                                        "t",
                                        List.of(
                                                new OffsetFetchResponse.OffsetFetchResponsePartitions(
                                                        0, 42, -1, "", (short) 0),
                                                new OffsetFetchResponse.OffsetFetchResponsePartitions(
                                                        1, -1, -1, "", (short) 0)))),
                                (short) 0))));
        step();

        assertThat(subscriptions.position(T0)).isEqualTo(42);
        assertThat(subscriptions.takeResets(time.milliseconds()))
                .extracting(SubscriptionState.ResetTarget::partition)
                .containsExactly(T1);
    }

    @Test
    void shouldHeartbeatEveryIntervalWhenStable() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();

        time.sleep(1_000);
        MockClient.Sent heartbeat = expect(ApiKey.HEARTBEAT);

        assertThat(((HeartbeatRequest) heartbeat.body()).generationId()).isEqualTo(1);
        assertThat(((HeartbeatRequest) heartbeat.body()).memberId()).isEqualTo("m1");
    }

    @Test
    void shouldRevokeEverythingAndRejoinWhenHeartbeatSaysRebalanceInProgressWithEagerProtocol() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        time.sleep(1_000);
        client.respond(expect(ApiKey.HEARTBEAT), new HeartbeatResponse(0, Errors.REBALANCE_IN_PROGRESS.code()));
        step();

        coordinator.poll(time.milliseconds());
        MockClient.Sent rejoin = expect(ApiKey.JOIN_GROUP);

        assertThat(events).containsExactly("assigned [t-0]", "revoked [t-0]");
        assertThat(subscriptions.assignment()).isEmpty();
        assertThat(((JoinGroupRequest) rejoin.body()).memberId()).isEqualTo("m1");
    }

    @Test
    void shouldReportPartitionsLostAndJoinAsNewMemberWhenHeartbeatSaysUnknownMember() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        time.sleep(1_000);
        client.respond(expect(ApiKey.HEARTBEAT), new HeartbeatResponse(0, Errors.UNKNOWN_MEMBER_ID.code()));
        step();

        coordinator.poll(time.milliseconds());
        MockClient.Sent rejoin = expect(ApiKey.JOIN_GROUP);

        assertThat(events).containsExactly("assigned [t-0]", "lost [t-0]");
        assertThat(((JoinGroupRequest) rejoin.body()).memberId()).isEmpty();
    }

    @Test
    void shouldKeepTheMemberIdWhenHeartbeatSaysIllegalGeneration() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        time.sleep(1_000);
        client.respond(expect(ApiKey.HEARTBEAT), new HeartbeatResponse(0, Errors.ILLEGAL_GENERATION.code()));
        step();

        coordinator.poll(time.milliseconds());
        MockClient.Sent rejoin = expect(ApiKey.JOIN_GROUP);

        assertThat(events).containsExactly("assigned [t-0]", "lost [t-0]");
        assertThat(((JoinGroupRequest) rejoin.body()).memberId()).isEqualTo("m1");
    }

    @Test
    void shouldFailPollWhenAStaticMemberIsFenced() {
        coordinator = coordinator(Optional.of("instance-1"), new RangeAssignor());
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        time.sleep(1_000);
        MockClient.Sent heartbeat = expect(ApiKey.HEARTBEAT);
        assertThat(((HeartbeatRequest) heartbeat.body()).groupInstanceId()).isEqualTo("instance-1");
        client.respond(heartbeat, new HeartbeatResponse(0, Errors.FENCED_INSTANCE_ID.code()));
        step();

        assertThatThrownBy(() -> coordinator.poll(time.milliseconds())).isInstanceOf(FencedInstanceIdException.class);
    }

    @Test
    void shouldNotSendLeaveGroupWhenAStaticMemberLeaves() {
        coordinator = coordinator(Optional.of("instance-1"), new RangeAssignor());
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> left = coordinator.leave("closing", true);
        step();

        assertThat(left).isDone();
        assertThat(client.inFlight()).isZero();
    }

    @Test
    void shouldSendLeaveGroupWhenADynamicMemberLeaves() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> left = coordinator.leave("closing", true);
        MockClient.Sent leave = expect(ApiKey.LEAVE_GROUP);
        client.respond(leave, new LeaveGroupResponse(0, (short) 0, List.of()));
        step();

        assertThat(((LeaveGroupRequest) leave.body()).members().get(0).memberId())
                .isEqualTo("m1");
        assertThat(left).isDone();
        assertThat(coordinator.groupMetadata().generationId()).isEqualTo(-1);
    }

    @Test
    void shouldLeaveTheGroupWhenTheApplicationDoesNotPollWithinMaxPollInterval() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        for (int i = 0; i < 30; i++) {
            time.sleep(1_000);
            step();
            while (client.inFlight() > 0) {
                client.respond(client.next(), new HeartbeatResponse(0, (short) 0));
                step();
            }
        }

        time.sleep(1_001);
        MockClient.Sent leave = expect(ApiKey.LEAVE_GROUP);

        assertThat(((LeaveGroupRequest) leave.body()).members().get(0).reason()).contains("poll timeout");
        coordinator.poll(time.milliseconds());
        assertThat(events).containsExactly("assigned [t-0]", "lost [t-0]");
    }

    @Test
    void shouldFindTheCoordinatorAgainWhenHeartbeatsGetNoAnswerForTheSessionTimeout() {
        joinAsFollower(1, List.of(T0));
        drainOffsetFetch();
        time.sleep(1_000);
        expect(ApiKey.HEARTBEAT);

        time.sleep(10_001);
        step();

        assertThat(client.inFlight())
                .as("the unanswered heartbeat failed with the dropped connection")
                .isZero();
        assertThat(expect(ApiKey.FIND_COORDINATOR)).isNotNull();
    }

    @Test
    void shouldCommitWithTheGenerationWhenStable() throws Exception {
        joinAsFollower(2, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> commit =
                coordinator.commit(Map.of(T0, new OffsetAndMetadata(7)), time.milliseconds() + 10_000, true);
        MockClient.Sent sent = expect(ApiKey.OFFSET_COMMIT);
        client.respond(sent, commitResponse(Errors.NONE));
        step();

        OffsetCommitRequest request = (OffsetCommitRequest) sent.body();
        assertThat(request.generationIdOrMemberEpoch()).isEqualTo(2);
        assertThat(request.memberId()).isEqualTo("m1");
        assertThat(request.topics().get(0).partitions().get(0).committedOffset())
                .isEqualTo(7);
        commit.get();
    }

    @Test
    void shouldFailTheCommitAndResetTheGenerationWhenTheCoordinatorSaysIllegalGeneration() {
        joinAsFollower(2, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> commit =
                coordinator.commit(Map.of(T0, new OffsetAndMetadata(7)), time.milliseconds() + 10_000, true);
        client.respond(expect(ApiKey.OFFSET_COMMIT), commitResponse(Errors.ILLEGAL_GENERATION));
        step();

        assertThatThrownBy(commit::get).hasCauseInstanceOf(CommitFailedException.class);
        assertThat(coordinator.groupMetadata().generationId()).isEqualTo(-1);
    }

    @Test
    void shouldFailTheCommitWithRebalanceInProgressWhenTheGroupRebalances() {
        joinAsFollower(2, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> commit =
                coordinator.commit(Map.of(T0, new OffsetAndMetadata(7)), time.milliseconds() + 10_000, true);
        client.respond(expect(ApiKey.OFFSET_COMMIT), commitResponse(Errors.REBALANCE_IN_PROGRESS));
        step();

        assertThatThrownBy(commit::get).hasCauseInstanceOf(RebalanceInProgressException.class);
    }

    @Test
    void shouldRetryACommitSyncUntilItsDeadlineWhenTheCoordinatorIsLoading() throws Exception {
        joinAsFollower(2, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> commit =
                coordinator.commit(Map.of(T0, new OffsetAndMetadata(7)), time.milliseconds() + 10_000, true);
        client.respond(expect(ApiKey.OFFSET_COMMIT), commitResponse(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        step();
        assertThat(commit).isNotDone();
        time.sleep(100);
        client.respond(expect(ApiKey.OFFSET_COMMIT), commitResponse(Errors.NONE));
        step();

        commit.get();
    }

    @Test
    void shouldFailACommitSyncWithTimeoutWhenNoCoordinatorAnswersBeforeTheDeadline() {
        joinAsFollower(2, List.of(T0));
        drainOffsetFetch();

        CompletableFuture<Void> commit =
                coordinator.commit(Map.of(T0, new OffsetAndMetadata(7)), time.milliseconds() + 1_000, true);
        client.respond(expect(ApiKey.OFFSET_COMMIT), commitResponse(Errors.COORDINATOR_LOAD_IN_PROGRESS));
        step();
        time.sleep(1_000);
        step();

        assertThatThrownBy(commit::get)
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldRevokeOnlyMovedPartitionsAndRejoinWhenCooperative() {
        coordinator = coordinator(Optional.empty(), new CooperativeStickyAssignor());
        subscribe();
        client.respond(expect(ApiKey.JOIN_GROUP), cooperativeJoin(1));
        client.respond(expect(ApiKey.SYNC_GROUP), cooperativeSync(List.of(T0, T1)));
        step();
        coordinator.poll(time.milliseconds());
        drainOffsetFetch();
        time.sleep(1_000);
        client.respond(expect(ApiKey.HEARTBEAT), new HeartbeatResponse(0, Errors.REBALANCE_IN_PROGRESS.code()));
        step();
        coordinator.poll(time.milliseconds());

        MockClient.Sent rejoin = expect(ApiKey.JOIN_GROUP);
        Subscription sent = ConsumerProtocol.deserializeSubscription(
                ((JoinGroupRequest) rejoin.body()).protocols().get(0).metadata());
        client.respond(rejoin, cooperativeJoin(2));
        client.respond(expect(ApiKey.SYNC_GROUP), cooperativeSync(List.of(T0)));
        step();
        coordinator.poll(time.milliseconds());

        assertThat(sent.ownedPartitions()).containsExactlyInAnyOrder(T0, T1);
        assertThat(sent.generationId()).contains(1);
        assertThat(events).containsExactly("assigned [t-0, t-1]", "revoked [t-1]", "assigned []");
        assertThat(subscriptions.assignment()).containsExactly(T0);
        coordinator.poll(time.milliseconds());
        assertThat(expect(ApiKey.JOIN_GROUP)).isNotNull();
    }

    @Test
    void shouldFailPollWhenTheBrokerDoesNotSpeakFindCoordinator() {
        subscription.subscribe(Set.of("t"), listener);
        coordinator.subscribed(true);
        coordinator.poll(time.milliseconds());

        expect(ApiKey.FIND_COORDINATOR)
                .handler()
                .onFailure(new io.runnel.protocol.errors.UnsupportedVersionException("no FindCoordinator"));
        step();

        assertThatThrownBy(() -> coordinator.poll(time.milliseconds()))
                .isInstanceOf(io.runnel.protocol.errors.UnsupportedVersionException.class);
    }

    static JoinGroupResponse cooperativeJoin(int generation) {
        return new JoinGroupResponse(
                0, (short) 0, generation, "consumer", "cooperative-sticky", "leader", false, "m1", List.of());
    }

    static SyncGroupResponse cooperativeSync(List<TopicPartition> partitions) {
        return new SyncGroupResponse(
                0,
                (short) 0,
                "consumer",
                "cooperative-sticky",
                ConsumerProtocol.serializeAssignment(new Assignment(partitions)));
    }

    static OffsetCommitResponse commitResponse(Errors error) {
        return new OffsetCommitResponse(
                0,
                List.of(new OffsetCommitResponse.OffsetCommitResponseTopic(
                        "t", List.of(new OffsetCommitResponse.OffsetCommitResponsePartition(0, error.code())))));
    }

    /** Answers the committed-offset lookup of new partitions with no committed offsets. */
    void drainOffsetFetch() {
        step();
        while (client.inFlight() > 0) {
            MockClient.Sent sent = client.next();
            assertThat(sent.apiKey()).isEqualTo(ApiKey.OFFSET_FETCH);
            client.respond(
                    sent,
                    new OffsetFetchResponse(
                            0, List.of(new OffsetFetchResponse.OffsetFetchResponseGroup("g", List.of(), (short) 0))));
            step();
        }
    }
}
