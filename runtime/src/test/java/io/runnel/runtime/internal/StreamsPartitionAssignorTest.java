package io.runnel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.GroupSubscription;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.common.TopicPartition;
import io.runnel.streams.processor.TaskId;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The streams assignor: whole tasks to members, each exactly once, balanced within one, sticky. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamsPartitionAssignorTest {
    /** Sub-topology 0 joins two co-partitioned inputs; sub-topology 1 reads a repartition topic. */
    static final Map<Integer, Set<String>> TOPOLOGY = Map.of(0, Set.of("left", "right"), 1, Set.of("rep"));

    /**
     * A group: partition counts, members, and the member (index, or -1 for none) that ran each task before.
     *
     * @param previousOwner by task, an index into the members or -1
     */
    record Group(Map<String, Integer> partitionsPerTopic, int members, Map<TaskId, Integer> previousOwner) {
        String member(int index) {
            return "m" + index;
        }

        GroupSubscription subscription() {
            Map<String, Subscription> subscriptions = new HashMap<>();
            for (int i = 0; i < members; i++) {
                subscriptions.put(
                        member(i),
                        new Subscription(
                                List.of("left", "right", "rep"), StreamsPartitionAssignor.encode(previous(i))));
            }
            return new GroupSubscription(subscriptions);
        }

        Set<TaskId> previous(int index) {
            Set<TaskId> out = new TreeSet<>();
            previousOwner.forEach((task, owner) -> {
                if (owner == index) {
                    out.add(task);
                }
            });
            return out;
        }
    }

    @Provide
    Arbitrary<Group> groups() {
        Arbitrary<Integer> count = Arbitraries.integers().between(1, 8);
        return Combinators.combine(count, count, Arbitraries.integers().between(1, 6), Arbitraries.longs())
                .as((joined, repartition, members, seed) -> {
                    Map<String, Integer> counts = Map.of("left", joined, "right", joined, "rep", repartition);
                    java.util.Random random = new java.util.Random(seed);
                    Map<TaskId, Integer> previous = new TreeMap<>();
                    new StreamsPartitionAssignor(TOPOLOGY)
                            .tasks(counts)
                            .keySet()
                            .forEach(task -> previous.put(task, random.nextInt(members + 2) - 2));
                    return new Group(counts, members, previous);
                });
    }

    @Property(tries = 300)
    void shouldAssignEveryTaskToExactlyOneMemberWithAllItsPartitionsWhenAnyGroupRebalances(
            @ForAll("groups") Group group) {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor(TOPOLOGY);

        Map<String, Assignment> result = assignor.assign(group.partitionsPerTopic(), group.subscription())
                .groupAssignment();

        Set<TopicPartition> seen = new HashSet<>();
        Set<TaskId> tasksSeen = new HashSet<>();
        for (Assignment assignment : result.values()) {
            for (TopicPartition tp : assignment.partitions()) {
                assertThat(seen.add(tp)).as("partition %s assigned once", tp).isTrue();
            }
            Set<TaskId> tasks = assignor.tasksOf(assignment.partitions());
            for (TaskId task : tasks) {
                assertThat(tasksSeen.add(task))
                        .as("task %s on one member", task)
                        .isTrue();
                assertThat(assignment.partitions())
                        .containsAll(assignor.tasks(group.partitionsPerTopic()).get(task));
            }
        }
        assertThat(tasksSeen)
                .isEqualTo(assignor.tasks(group.partitionsPerTopic()).keySet());
        assertThat(result).hasSize(group.members());
    }

    @Property(tries = 300)
    void shouldBalanceTasksWithinOneWhenAnyGroupRebalances(@ForAll("groups") Group group) {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor(TOPOLOGY);

        Map<String, Assignment> result = assignor.assign(group.partitionsPerTopic(), group.subscription())
                .groupAssignment();

        List<Integer> counts = result.values().stream()
                .map(a -> assignor.tasksOf(a.partitions()).size())
                .toList();
        assertThat(counts.stream().mapToInt(Integer::intValue).max().orElse(0)
                        - counts.stream().mapToInt(Integer::intValue).min().orElse(0))
                .isLessThanOrEqualTo(1);
    }

    @Property(tries = 300)
    void shouldKeepPreviousTasksUpToFairShareWhenMembersRejoin(@ForAll("groups") Group group) {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor(TOPOLOGY);
        int fairShare = assignor.tasks(group.partitionsPerTopic()).size() / group.members();

        Map<String, Assignment> result = assignor.assign(group.partitionsPerTopic(), group.subscription())
                .groupAssignment();

        for (int i = 0; i < group.members(); i++) {
            Set<TaskId> kept = assignor.tasksOf(result.get(group.member(i)).partitions());
            kept.retainAll(group.previous(i));
            assertThat(kept)
                    .hasSizeGreaterThanOrEqualTo(
                            Math.min(fairShare, group.previous(i).size()));
        }
    }

    @Test
    void shouldGiveTheSameAssignmentBackWhenMembersAreUnchanged() {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor(TOPOLOGY);
        Map<String, Integer> counts = Map.of("left", 3, "right", 3, "rep", 2);
        Map<String, Assignment> first = assignor.assign(
                        counts,
                        new GroupSubscription(
                                Map.of("a", new Subscription(List.of("left")), "b", new Subscription(List.of("left")))))
                .groupAssignment();
        Map<String, Subscription> rejoin = new HashMap<>();
        first.forEach((member, assignment) -> rejoin.put(
                member,
                new Subscription(
                        List.of("left"), StreamsPartitionAssignor.encode(assignor.tasksOf(assignment.partitions())))));

        Map<String, Assignment> second =
                assignor.assign(counts, new GroupSubscription(rejoin)).groupAssignment();

        for (String member : List.of("a", "b")) {
            assertThat(new HashSet<>(second.get(member).partitions()))
                    .isEqualTo(new HashSet<>(first.get(member).partitions()));
        }
    }

    @Test
    void shouldReportAssignedTasksInUserDataWhenAnAssignmentArrives() {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor(TOPOLOGY);

        assignor.onAssignment(
                new Assignment(List.of(new TopicPartition("left", 1), new TopicPartition("right", 1))),
                new io.runnel.client.consumer.ConsumerGroupMetadata("app"));

        assertThat(StreamsPartitionAssignor.decode(assignor.subscriptionUserData(Set.of("left"))))
                .containsExactly(new TaskId(0, 1));
    }

    @Test
    void shouldReadTopicGroupsFromTheConsumerConfigWhenConfigured() {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor();

        assignor.configure(Map.of(StreamsPartitionAssignor.TOPIC_GROUPS_CONFIG, TOPOLOGY, "group.id", "app"));

        assertThat(assignor.tasks(Map.of("left", 2, "right", 2, "rep", 1)))
                .containsOnlyKeys(new TaskId(0, 0), new TaskId(0, 1), new TaskId(1, 0));
    }

    @Test
    void shouldRejectConfigurationWhenTopicGroupsAreMissing() {
        StreamsPartitionAssignor assignor = new StreamsPartitionAssignor();

        assertThatThrownBy(() -> assignor.configure(Map.of("group.id", "app")))
                .isInstanceOf(io.runnel.common.errors.InvalidConfigurationException.class)
                .hasMessageContaining(StreamsPartitionAssignor.TOPIC_GROUPS_CONFIG);
    }

    @Test
    void shouldRejectUserDataWhenItIsTruncated() {
        ByteBuffer truncated = ByteBuffer.allocate(8).putInt(3).putInt(0).flip();

        assertThatThrownBy(() -> StreamsPartitionAssignor.decode(truncated))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("streams user data");
    }
}
