package io.runnel.broker.group;

import static io.runnel.broker.group.CoordinatorHarness.commitError;
import static io.runnel.broker.group.CoordinatorHarness.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.DescribeGroupsResponse;
import io.runnel.protocol.message.JoinGroupResponse;
import io.runnel.protocol.message.ListGroupsRequest;
import io.runnel.protocol.message.ListGroupsResponse;
import io.runnel.protocol.message.OffsetDeleteRequest;
import io.runnel.protocol.message.OffsetDeleteResponse;
import io.runnel.protocol.message.OffsetFetchResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Committed offsets and group administration on a manual clock: who may commit, what a fetch returns, what survives
 * a reload from {@code __consumer_offsets}, retention, OffsetDelete and DeleteGroups.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class GroupOffsetsTest {
    private final CoordinatorHarness h = new CoordinatorHarness();

    @Test
    void shouldReturnTheCommittedOffsetWithItsMetadataWhenFetched() {
        String member = h.stableSingleMemberGroup("g");

        short error = commitError(h.commit("g", 1, member, "t", 0, 42, "checkpoint"));

        assertThat(error).isEqualTo(Errors.NONE.code());
        OffsetFetchResponse.OffsetFetchResponsePartitions fetched = h.fetch("g", "t", 0);
        assertThat(fetched.committedOffset()).isEqualTo(42);
        assertThat(fetched.committedLeaderEpoch()).isEqualTo(7);
        assertThat(fetched.metadata()).isEqualTo("checkpoint");
    }

    @Test
    void shouldReturnMinusOneWhenNothingWasCommitted() {
        OffsetFetchResponse.OffsetFetchResponsePartitions fetched = h.fetch("nobody", "t", 3);

        assertThat(fetched.committedOffset()).isEqualTo(-1);
        assertThat(fetched.metadata()).isEmpty();
        assertThat(fetched.errorCode()).isEqualTo(Errors.NONE.code());
    }

    @Test
    void shouldAcceptACommitWithoutGenerationWhenTheGroupHasNoMembers() {
        short error = commitError(h.commit("tools", -1, "", "t", 1, 10));

        assertThat(error).isEqualTo(Errors.NONE.code());
        assertThat(h.fetch("tools", "t", 1).committedOffset()).isEqualTo(10);
        assertThat(h.coordinator.describeGroup("tools").groupState()).isEqualTo("Empty");
    }

    @Test
    void shouldRefuseCommitsFromOutsideTheCurrentGeneration() {
        String member = h.stableSingleMemberGroup("g");

        assertThat(commitError(h.commit("g", -1, "", "t", 0, 1))).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(commitError(h.commit("g", 2, member, "t", 0, 1))).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(commitError(h.commit("g", 1, "stranger", "t", 0, 1))).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
        assertThat(commitError(h.commit("unknown", 3, "m", "t", 0, 1))).isEqualTo(Errors.ILLEGAL_GENERATION.code());
        assertThat(h.fetch("g", "t", 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldRefuseCommitsWhileTheGroupAwaitsItsAssignment() {
        JoinGroupResponse joined = h.joinNew("g").value();

        short error = commitError(h.commit("g", joined.generationId(), joined.memberId(), "t", 0, 5));

        assertThat(error).isEqualTo(Errors.REBALANCE_IN_PROGRESS.code());
    }

    @Test
    void shouldRefuseMetadataLongerThanTheBrokerLimit() {
        CoordinatorHarness strict = new CoordinatorHarness(Map.of("offset.metadata.max.bytes", 4));

        short error = commitError(strict.commit("g", -1, "", "t", 0, 5, "12345"));

        assertThat(error).isEqualTo(Errors.OFFSET_METADATA_TOO_LARGE.code());
        assertThat(strict.fetch("g", "t", 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldLeaveOffsetsUnchangedWhenTheWriteFails() {
        h.commit("g", -1, "", "t", 0, 5);
        h.log.failAppends(true);

        short error = commitError(h.commit("g", -1, "", "t", 0, 6));

        assertThat(error).isEqualTo(Errors.NOT_COORDINATOR.code());
        assertThat(h.fetch("g", "t", 0).committedOffset()).isEqualTo(5);
    }

    @Test
    void shouldRestoreGroupsMembersAndOffsetsWhenLoadedFromTheLog() {
        String member = h.stableSingleMemberGroup("g");
        h.commit("g", 1, member, "t", 0, 11, "m");
        h.commit("g", 1, member, "t", 0, 12, "m2");
        h.commit("other", -1, "", "t", 1, 3);

        CoordinatorHarness restarted = new CoordinatorHarness(Map.of(), h.log);

        assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(12);
        assertThat(restarted.fetch("g", "t", 0).metadata()).isEqualTo("m2");
        assertThat(restarted.fetch("other", "t", 1).committedOffset()).isEqualTo(3);
        DescribeGroupsResponse.DescribedGroup group = restarted.coordinator.describeGroup("g");
        assertThat(group.groupState()).isEqualTo("Stable");
        assertThat(group.members()).hasSize(1);
        assertThat(text(group.members().get(0).memberAssignment())).isEqualTo("a");
        assertThat(restarted.heartbeat("g", 1, member, null)).isEqualTo(Errors.NONE.code());
    }

    @Test
    void shouldExpireTheMembersOfALoadedGroupThatDoNotComeBack() {
        String member = h.stableSingleMemberGroup("g");
        CoordinatorHarness restarted = new CoordinatorHarness(Map.of(), h.log);

        restarted.timer.advance(CoordinatorHarness.SESSION_MS);

        assertThat(restarted.heartbeat("g", 1, member, null)).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
    }

    @Test
    void shouldNotBringBackADeletedGroupWhenLoaded() {
        h.commit("gone", -1, "", "t", 0, 1);
        assertThat(h.coordinator.deleteGroup("gone").errorCode()).isEqualTo(Errors.NONE.code());

        CoordinatorHarness restarted = new CoordinatorHarness(Map.of(), h.log);

        assertThat(restarted.fetch("gone", "t", 0).committedOffset()).isEqualTo(-1);
        assertThat(restarted.coordinator.describeGroup("gone").groupState()).isEqualTo("Dead");
    }

    @Test
    void shouldSkipUnreadableRecordsWhenLoading() {
        h.commit("g", -1, "", "t", 0, 9);
        int partition = h.coordinator.partitionFor("g");
        h.log.append(partition, List.of(new GroupLog.Entry(ByteBuffer.wrap(new byte[] {0, 1, 0}), null)));

        CoordinatorHarness restarted = new CoordinatorHarness(Map.of(), h.log);

        assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(9);
    }

    @Test
    void shouldExpireOffsetsAndDeleteTheGroupWhenRetentionPassesWithoutMembers() {
        CoordinatorHarness retaining = new CoordinatorHarness(Map.of("offsets.retention.minutes", 1));
        retaining.commit("g", -1, "", "t", 0, 4);
        retaining.timer.advance(Duration.ofSeconds(59).toMillis());
        retaining.coordinator.expireOffsets();
        assertThat(retaining.fetch("g", "t", 0).committedOffset()).isEqualTo(4);

        retaining.timer.advance(Duration.ofSeconds(1).toMillis());
        retaining.coordinator.expireOffsets();

        assertThat(retaining.fetch("g", "t", 0).committedOffset()).isEqualTo(-1);
        assertThat(retaining.coordinator.describeGroup("g").groupState()).isEqualTo("Dead");
        CoordinatorHarness restarted = new CoordinatorHarness(Map.of(), retaining.log);
        assertThat(restarted.fetch("g", "t", 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldExpireOnlyOffsetsOfTopicsNoMemberSubscribesToWhenTheGroupHasMembers() {
        CoordinatorHarness retaining = new CoordinatorHarness(Map.of("offsets.retention.minutes", 1));
        JoinGroupResponse joined = joinConsumer(retaining, "g", "t");
        retaining.sync("g", 1, joined.memberId(), null, Map.of()).value();
        retaining.commit("g", 1, joined.memberId(), "t", 0, 4);
        retaining.commit("g", 1, joined.memberId(), "old", 0, 2);

        for (int i = 0; i < 8; i++) {
            retaining.timer.advance(Duration.ofSeconds(9).toMillis());
            assertThat(retaining.heartbeat("g", 1, joined.memberId(), null)).isEqualTo(Errors.NONE.code());
        }
        retaining.coordinator.expireOffsets();

        assertThat(retaining.fetch("g", "t", 0).committedOffset()).isEqualTo(4);
        assertThat(retaining.fetch("g", "old", 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldRefuseToDeleteOffsetsOfTopicsTheMembersSubscribeTo() {
        JoinGroupResponse joined = joinConsumer(h, "g", "orders");
        h.sync("g", 1, joined.memberId(), null, Map.of()).value();
        h.commit("g", 1, joined.memberId(), "orders", 0, 1);
        h.commit("g", 1, joined.memberId(), "old", 0, 1);

        OffsetDeleteResponse response = h.coordinator.deleteOffsets(new OffsetDeleteRequest(
                "g",
                List.of(
                        new OffsetDeleteRequest.OffsetDeleteRequestTopic(
                                "orders", List.of(new OffsetDeleteRequest.OffsetDeleteRequestPartition(0))),
                        new OffsetDeleteRequest.OffsetDeleteRequestTopic(
                                "old", List.of(new OffsetDeleteRequest.OffsetDeleteRequestPartition(0))))));

        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.topics().get(0).partitions().get(0).errorCode())
                .isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
        assertThat(response.topics().get(1).partitions().get(0).errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(h.fetch("g", "orders", 0).committedOffset()).isEqualTo(1);
        assertThat(h.fetch("g", "old", 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void shouldAnswerGroupIdNotFoundWhenDeletingOffsetsOfAnUnknownGroup() {
        OffsetDeleteResponse response = h.coordinator.deleteOffsets(new OffsetDeleteRequest("nope", List.of()));

        assertThat(response.errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
    }

    @Test
    void shouldRefuseToDeleteAGroupWithMembersAndDeleteAnEmptyOne() {
        h.stableSingleMemberGroup("busy");
        h.commit("idle", -1, "", "t", 0, 1);

        assertThat(h.coordinator.deleteGroup("busy").errorCode()).isEqualTo(Errors.NON_EMPTY_GROUP.code());
        assertThat(h.coordinator.deleteGroup("idle").errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(h.coordinator.deleteGroup("idle").errorCode()).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
        assertThat(h.coordinator.deleteGroup("").errorCode()).isEqualTo(Errors.INVALID_GROUP_ID.code());
    }

    @Test
    void shouldListGroupsFilteredByStateAndType() {
        h.stableSingleMemberGroup("busy");
        h.commit("idle", -1, "", "t", 0, 1);

        List<String> all = groupIds(h.coordinator.listGroups(new ListGroupsRequest(List.of(), List.of())));
        List<String> stable = groupIds(h.coordinator.listGroups(new ListGroupsRequest(List.of("stable"), List.of())));
        List<String> consumerType =
                groupIds(h.coordinator.listGroups(new ListGroupsRequest(List.of(), List.of("consumer"))));
        List<String> classic = groupIds(h.coordinator.listGroups(new ListGroupsRequest(List.of(), List.of("Classic"))));

        assertThat(all).containsExactlyInAnyOrder("busy", "idle");
        assertThat(stable).containsExactly("busy");
        assertThat(consumerType).isEmpty();
        assertThat(classic).containsExactlyInAnyOrder("busy", "idle");
    }

    /** A static member of a consumer group subscribed to {@code topic}, in Kafka's subscription format v0. */
    private static JoinGroupResponse joinConsumer(CoordinatorHarness harness, String group, String topic) {
        ByteBuffer subscription = ByteBuffer.allocate(2 + 4 + 2 + topic.length() + 4);
        subscription.putShort((short) 0).putInt(1).putShort((short) topic.length());
        subscription
                .put(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .putInt(-1)
                .flip();
        io.runnel.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol protocol =
                new io.runnel.protocol.message.JoinGroupRequest.JoinGroupRequestProtocol("range", subscription);
        CoordinatorHarness.Pending<JoinGroupResponse> first = new CoordinatorHarness.Pending<>();
        harness.coordinator.joinGroup(
                new io.runnel.protocol.message.JoinGroupRequest(
                        group, 10_000, 30_000, "", "instance", "consumer", List.of(protocol), null),
                "client",
                "/127.0.0.1",
                first::complete);
        return first.value();
    }

    private static List<String> groupIds(List<ListGroupsResponse.ListedGroup> groups) {
        return groups.stream().map(ListGroupsResponse.ListedGroup::groupId).toList();
    }
}
