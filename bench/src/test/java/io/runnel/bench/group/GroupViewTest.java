package io.runnel.bench.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class GroupViewTest {
    private static final int PARTITIONS = 6;

    @Test
    void shouldBeStableSinceLastMemberWhenAllCompletedNewGenerationCoveringTopicDisjointly() {
        List<PollingMember.Snapshot> snapshots =
                List.of(snapshot(5, 100, 0, 1, 2), snapshot(5, 300, 3, 4), snapshot(5, 200, 5));

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).hasValue(300);
    }

    @Test
    void shouldNotBeStableWhenCooperativeFirstRebalanceLeftRevokedPartitionsUnassigned() {
        List<PollingMember.Snapshot> snapshots =
                List.of(snapshot(5, 100, 0, 1), snapshot(5, 300, 3, 4), snapshot(5, 200));

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).isEmpty();
    }

    @Test
    void shouldNotBeStableWhenMembersCompletedDifferentGenerations() {
        List<PollingMember.Snapshot> snapshots =
                List.of(snapshot(5, 100, 0, 1, 2), snapshot(6, 300, 3, 4), snapshot(5, 200, 5));

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).isEmpty();
    }

    @Test
    void shouldNotBeStableWhenAssignmentsOverlap() {
        List<PollingMember.Snapshot> snapshots =
                List.of(snapshot(5, 100, 0, 1, 2, 3), snapshot(5, 300, 3, 4), snapshot(5, 200, 5));

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).isEmpty();
    }

    @Test
    void shouldNotBeStableWhenGroupHasNotMovedPastGenerationBeforeChange() {
        List<PollingMember.Snapshot> snapshots = List.of(snapshot(4, 100, 0, 1, 2), snapshot(4, 300, 3, 4, 5));

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).isEmpty();
    }

    @Test
    void shouldNotBeStableWhenNewMemberHasNotCompletedAnyRebalance() {
        List<PollingMember.Snapshot> snapshots =
                List.of(snapshot(5, 100, 0, 1, 2), snapshot(5, 300, 3, 4, 5), PollingMember.Snapshot.NONE);

        assertThat(GroupView.stableSince(snapshots, PARTITIONS, 4)).isEmpty();
    }

    private static PollingMember.Snapshot snapshot(int generation, long nanos, int... partitions) {
        Set<TopicPartition> assignment = IntStream.of(partitions)
                .mapToObj(p -> new TopicPartition("t", p))
                .collect(Collectors.toSet());
        return new PollingMember.Snapshot(generation, assignment, nanos);
    }
}
