package io.runnel.broker.group;

import static io.runnel.broker.group.CoordinatorHarness.REBALANCE_MS;
import static io.runnel.broker.group.CoordinatorHarness.SESSION_MS;
import static io.runnel.broker.group.CoordinatorHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.SyncGroupResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The classic membership protocol, step by step on a manual clock: joins, syncs, heartbeats, leaves, timeouts. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupMembershipTest {
    private final CoordinatorHarness h = new CoordinatorHarness();

    @Test
    void shouldAnswerMemberIdRequiredWhenADynamicMemberJoinsWithoutAnId() {
        JoinGroupResponse response = h.join("g", "", null).value();

        assertThat(response.errorCode()).isEqualTo(Errors.MEMBER_ID_REQUIRED.code());
        assertThat(response.memberId()).isEqualTo("client-1");
    }

    @Test
    void shouldMakeTheOnlyMemberLeaderOfGenerationOneWhenItJoinsWithItsId() {
        JoinGroupResponse response = h.joinNew("g").value();

        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.generationId()).isEqualTo(1);
        assertThat(response.leader()).isEqualTo(response.memberId());
        assertThat(response.protocolName()).isEqualTo("range");
        assertThat(response.members()).hasSize(1);
        assertThat(text(response.members().get(0).metadata())).isEqualTo("meta-range");
    }

    @Test
    void shouldHandEveryMemberItsShareAndStoreTheGroupWhenTheLeaderSyncs() {
        JoinGroupResponse leader = h.joinNew("g").value();
        CoordinatorHarness.Pending<JoinGroupResponse> follower = h.joinNew("g");
        CoordinatorHarness.Pending<JoinGroupResponse> leaderAgain = h.join("g", leader.memberId(), null);
        JoinGroupResponse l = leaderAgain.value();
        JoinGroupResponse f = follower.value();

        CoordinatorHarness.Pending<SyncGroupResponse> followerSync =
                h.sync("g", f.generationId(), f.memberId(), null, Map.of());
        assertThat(followerSync.done()).isFalse();
        SyncGroupResponse leaderSync = h.sync(
                        "g", l.generationId(), l.memberId(), null, Map.of(l.memberId(), "p0", f.memberId(), "p1"))
                .value();

        assertThat(text(leaderSync.assignment())).isEqualTo("p0");
        assertThat(text(followerSync.value().assignment())).isEqualTo("p1");
        assertThat(h.coordinator.describeGroup("g").groupState()).isEqualTo("Stable");
        assertThat(h.log.size()).isEqualTo(1);
    }

    @Test
    void shouldGiveOnlyTheLeaderTheMembersWhenAGenerationStarts() {
        JoinGroupResponse first = h.joinNew("g").value();
        CoordinatorHarness.Pending<JoinGroupResponse> second = h.joinNew("g");
        assertThat(second.done()).isFalse();

        JoinGroupResponse firstAgain = h.join("g", first.memberId(), null).value();

        assertThat(firstAgain.generationId()).isEqualTo(2);
        assertThat(firstAgain.leader()).isEqualTo(first.memberId());
        assertThat(firstAgain.members()).hasSize(2);
        assertThat(second.value().generationId()).isEqualTo(2);
        assertThat(second.value().members()).isEmpty();
    }

    @Test
    void shouldTellMembersToRejoinWhenARebalanceStarts() {
        String member = h.stableSingleMemberGroup("g");

        h.joinNew("g");

        assertThat(h.heartbeat("g", 1, member, null)).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        assertThat(h.sync("g", 1, member, null, Map.of()).value().errorCode())
                .isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
    }

    @Test
    void shouldRemoveAMemberAndRebalanceWhenItsSessionExpires() {
        JoinGroupResponse a = h.joinNew("g").value();
        CoordinatorHarness.Pending<JoinGroupResponse> b = h.joinNew("g");
        h.join("g", a.memberId(), null).value();
        String bId = b.value().memberId();
        h.sync("g", 2, a.memberId(), null, Map.of()).value();
        h.sync("g", 2, bId, null, Map.of()).value();

        h.timer.advance(SESSION_MS / 2);
        assertThat(h.heartbeat("g", 2, bId, null)).isEqualTo(Errors.NONE.code());
        h.timer.advance(SESSION_MS / 2);

        assertThat(h.heartbeat("g", 2, bId, null)).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());

        assertThat(h.coordinator.describeGroup("g").members())
                .extracting(DescribeGroupsResponse.DescribedGroupMember::memberId)
                .containsExactly(bId);
    }

    @Test
    void shouldDropMembersThatDoNotRejoinWithinTheRebalanceTimeout() {
        JoinGroupResponse a = h.joinNew("g").value();
        h.sync("g", 1, a.memberId(), null, Map.of()).value();
        CoordinatorHarness.Pending<JoinGroupResponse> b = h.joinNew("g");

        for (int waited = 0; waited < REBALANCE_MS - 5000; waited += 5000) {
            h.timer.advance(5000);
            assertThat(h.heartbeat("g", 1, a.memberId(), null)).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
            assertThat(b.done()).isFalse();
        }
        h.timer.advance(5000);

        assertThat(b.value().generationId()).isEqualTo(2);
        assertThat(b.value().leader()).isEqualTo(b.value().memberId());
        assertThat(h.heartbeat("g", 2, a.memberId(), null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void shouldRemoveMembersAndRebalanceWhenTheyDoNotSyncInTime() {
        JoinGroupResponse a = h.joinNew("g").value();
        for (int waited = 0; waited < REBALANCE_MS - 5000; waited += 5000) {
            h.timer.advance(5000);
            assertThat(h.heartbeat("g", 1, a.memberId(), null)).isEqualTo(Errors.NONE.code());
        }

        h.timer.advance(5000);

        assertThat(h.coordinator.describeGroup("g").groupState()).isEqualTo("Empty");
        assertThat(h.heartbeat("g", 1, a.memberId(), null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void shouldHoldTheFirstRebalanceForTheInitialDelayAndExtendItWhileMembersJoin() {
        CoordinatorHarness delayed = new CoordinatorHarness(Map.of("group.initial.rebalance.delay.ms", 3000));
        CoordinatorHarness.Pending<JoinGroupResponse> a = delayed.joinNew("g");
        delayed.timer.advance(2000);
        CoordinatorHarness.Pending<JoinGroupResponse> b = delayed.joinNew("g");

        delayed.timer.advance(1000);
        assertThat(a.done()).isFalse();
        delayed.timer.advance(2999);
        assertThat(a.done()).isFalse();
        delayed.timer.advance(1);

        assertThat(a.value().generationId()).isEqualTo(1);
        assertThat(b.value().generationId()).isEqualTo(1);
    }

    @Test
    void shouldRebalanceWhenAMemberLeaves() {
        JoinGroupResponse a = h.joinNew("g").value();
        CoordinatorHarness.Pending<JoinGroupResponse> b = h.joinNew("g");
        h.join("g", a.memberId(), null).value();
        h.sync("g", 2, a.memberId(), null, Map.of()).value();

        assertThat(h.leave("g", b.value().memberId(), null).members().get(0).errorCode())
                .isEqualTo(Errors.NONE.code());

        assertThat(h.heartbeat("g", 2, a.memberId(), null)).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
        assertThat(h.join("g", a.memberId(), null).value().generationId()).isEqualTo(3);
    }

    @Test
    void shouldGiveARestartedStaticMemberItsAssignmentWithoutARebalance() {
        JoinGroupResponse a = h.join("g", "", "instance-a").value();
        assertThat(a.errorCode()).isEqualTo(Errors.NONE.code());
        h.sync("g", 1, a.memberId(), "instance-a", Map.of(a.memberId(), "mine")).value();

        JoinGroupResponse again = h.join("g", "", "instance-a").value();

        assertThat(again.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(again.memberId()).isNotEqualTo(a.memberId());
        assertThat(again.generationId()).isEqualTo(1);
        assertThat(again.skipAssignment()).isTrue();
        SyncGroupResponse sync =
                h.sync("g", 1, again.memberId(), "instance-a", Map.of()).value();
        assertThat(text(sync.assignment())).isEqualTo("mine");
        assertThat(h.heartbeat("g", 1, a.memberId(), "instance-a")).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
    }

    @Test
    void shouldFenceTheOldIdWhenAStaticMemberLeavesWithIt() {
        JoinGroupResponse a = h.join("g", "", "instance-a").value();
        h.sync("g", 1, a.memberId(), "instance-a", Map.of()).value();
        JoinGroupResponse again = h.join("g", "", "instance-a").value();

        short error = h.leave("g", a.memberId(), "instance-a").members().get(0).errorCode();

        assertThat(error).isEqualTo(Errors.FENCED_INSTANCE_ID.code());
        assertThat(h.leave("g", again.memberId(), "instance-a").members().get(0).errorCode())
                .isEqualTo(Errors.NONE.code());
    }

    @Test
    void shouldRefuseAJoinWhenTheGroupIdIsEmpty() {
        assertThat(h.join("", "", null).value().errorCode()).isEqualTo(Errors.INVALID_GROUP_ID.code());
    }

    @Test
    void shouldRefuseAJoinWhenTheSessionTimeoutIsOutsideTheBrokerBounds() {
        JoinGroupResponse tooShort = h.join("g", "", null, "consumer", 5_999).value();
        JoinGroupResponse tooLong = h.join("g", "", null, "consumer", 1_800_001).value();

        assertThat(tooShort.errorCode()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
        assertThat(tooLong.errorCode()).isEqualTo(Errors.INVALID_SESSION_TIMEOUT.code());
    }

    @Test
    void shouldRefuseAKnownIdWhenTheGroupDoesNotExist() {
        assertThat(h.join("g", "ghost", null).value().errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(h.heartbeat("g", 1, "ghost", null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void shouldRefuseAMemberWhenItsProtocolsDoNotMatchTheGroup() {
        h.stableSingleMemberGroup("g");

        JoinGroupResponse otherType =
                h.join("g", "", null, "connect", SESSION_MS, "range").value();
        JoinGroupResponse otherProtocol = h.join("g", "", null, "roundrobin").value();

        assertThat(otherType.errorCode()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
        assertThat(otherProtocol.errorCode()).isEqualTo(Errors.INCONSISTENT_GROUP_PROTOCOL.code());
    }

    @Test
    void shouldPickTheProtocolMostMembersPreferWhenAllSupportIt() {
        JoinGroupResponse a = h.joinNew("g", "roundrobin", "range").value();
        CoordinatorHarness.Pending<JoinGroupResponse> b = h.joinNew("g", "range", "roundrobin");
        CoordinatorHarness.Pending<JoinGroupResponse> c = h.joinNew("g", "range", "roundrobin");
        h.join("g", a.memberId(), null, "roundrobin", "range").value();

        assertThat(b.value().protocolName()).isEqualTo("range");
        assertThat(c.value().protocolName()).isEqualTo("range");
    }

    @Test
    void shouldRefuseANewMemberWhenTheGroupIsFull() {
        CoordinatorHarness small = new CoordinatorHarness(Map.of("group.max.size", 1));
        small.stableSingleMemberGroup("g");

        assertThat(small.join("g", "", null).value().errorCode()).isEqualTo(Errors.GROUP_MAX_SIZE_REACHED.code());
    }

    @Test
    void shouldRefuseAStaleGenerationWhenHeartbeatingOrSyncing() {
        String member = h.stableSingleMemberGroup("g");

        assertThat(h.heartbeat("g", 7, member, null)).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(h.sync("g", 7, member, null, Map.of()).value().errorCode())
                .isEqualTo(Errors.ILLEGAL_GENERATION.code());
    }

    @Test
    void shouldAnswerNotCoordinatorWhenThePartitionIsNotOwned() {
        CoordinatorHarness unowned = new CoordinatorHarness(Map.of("offsets.topic.num.partitions", 50));
        String group = "group-0";
        for (int i = 1; unowned.coordinator.partitionFor(group) < CoordinatorHarness.PARTITIONS; i++) {
            group = "group-" + i;
        }

        JoinGroupResponse response = unowned.join(group, "", null).value();

        assertThat(response.errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
    }

    @Test
    void shouldRebalanceAgainWhenStoringTheAssignmentFails() {
        JoinGroupResponse a = h.joinNew("g").value();
        h.log.failAppends(true);

        SyncGroupResponse sync =
                h.sync("g", 1, a.memberId(), null, Map.of(a.memberId(), "x")).value();

        assertThat(sync.errorCode()).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(h.coordinator.describeGroup("g").groupState()).isEqualTo("PreparingRebalance");
    }

    @Test
    void shouldForgetAPendingMemberIdWhenItsOwnerNeverComesBack() {
        JoinGroupResponse first = h.join("g", "", null).value();

        h.timer.advance(SESSION_MS);

        assertThat(h.join("g", first.memberId(), null).value().errorCode()).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }
}
