package io.runnel.bench.group;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The stability rule of the benchmark, over what the members published: a group is stable when every member has
 * completed the same generation, newer than a given one, and their assignments are disjoint and together cover every
 * partition of the topic. Immutable; a pure function of the snapshots.
 *
 * <p>The rule also covers the cooperative protocol's two rebalances: in the first, the partitions that move are only
 * revoked (given to nobody), so the assignments cover less than the topic until the follow-up rebalance hands them
 * over.
 */
final class GroupView {
    private GroupView() {}

    /**
     * When the group became stable: the latest {@code nanos} of the members' snapshots, if they satisfy the rule.
     *
     * @param snapshots one per member that should be in the group
     * @param partitions the topic's partition count
     * @param afterGeneration the generation before the change measured; the group must have moved past it
     * @return empty while the rule does not hold
     */
    static OptionalLong stableSince(List<PollingMember.Snapshot> snapshots, int partitions, int afterGeneration) {
        if (snapshots.isEmpty()) {
            return OptionalLong.empty();
        }
        int generation = snapshots.get(0).generation();
        if (generation <= afterGeneration) {
            return OptionalLong.empty();
        }
        Set<TopicPartition> union = new HashSet<>();
        int total = 0;
        long latest = Long.MIN_VALUE;
        for (PollingMember.Snapshot s : snapshots) {
            if (s.generation() != generation) {
                return OptionalLong.empty();
            }
            union.addAll(s.assignment());
            total += s.assignment().size();
            latest = Math.max(latest, s.nanos());
        }
        if (total != partitions || union.size() != partitions) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(latest);
    }
}
