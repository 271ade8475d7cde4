package io.runnel.client.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Assignment;
import io.runnel.client.consumer.ConsumerPartitionAssignor.GroupSubscription;
import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.client.consumer.internal.StickyUserData;
import io.runnel.common.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The four assignors: Kafka's invariants as properties, and range / round robin against kafka-clients' own. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AssignorsTest {
    static final List<String> TOPICS = List.of("t0", "t1", "t2", "t3");

    /** A group: partition counts per topic and each member's subscribed topics. */
    record Group(Map<String, Integer> partitionsPerTopic, Map<String, List<String>> topicsByMember) {
        Map<String, Subscription> subscriptions() {
            Map<String, Subscription> subscriptions = new HashMap<>();
            topicsByMember.forEach((member, topics) -> subscriptions.put(member, new Subscription(topics)));
            return subscriptions;
        }

        Set<TopicPartition> allPartitions() {
            Set<TopicPartition> all = new HashSet<>();
            topicsByMember
                    .values()
                    .forEach(topics -> topics.forEach(topic -> {
                        for (int p = 0; p < partitionsPerTopic.get(topic); p++) {
                            all.add(new TopicPartition(topic, p));
                        }
                    }));
            return all;
        }
    }

    @Provide
    Arbitrary<Group> groups() {
        Arbitrary<Map<String, Integer>> counts = Arbitraries.integers()
                .between(1, 12)
                .list()
                .ofSize(TOPICS.size())
                .map(list -> {
                    Map<String, Integer> map = new TreeMap<>();
                    for (int i = 0; i < TOPICS.size(); i++) {
                        map.put(TOPICS.get(i), list.get(i));
                    }
                    return map;
                });
        Arbitrary<List<String>> memberTopics =
                Arbitraries.of(TOPICS).set().ofMinSize(1).map(ArrayList::new);
        Arbitrary<List<List<String>>> members = memberTopics.list().ofMinSize(1).ofMaxSize(7);
        return Combinators.combine(counts, members).as((c, m) -> {
            Map<String, List<String>> byMember = new LinkedHashMap<>();
            for (int i = 0; i < m.size(); i++) {
                byMember.put("member-" + (char) ('a' + i), m.get(i));
            }
            return new Group(c, byMember);
        });
    }

    @Provide
    Arbitrary<Group> identicalGroups() {
        return groups().map(g -> {
            List<String> topics = g.topicsByMember().values().iterator().next();
            Map<String, List<String>> same = new LinkedHashMap<>();
            g.topicsByMember().keySet().forEach(member -> same.put(member, topics));
            return new Group(g.partitionsPerTopic(), same);
        });
    }

    static List<ConsumerPartitionAssignor> assignors() {
        return List.of(
                new RangeAssignor(), new RoundRobinAssignor(), new StickyAssignor(), new CooperativeStickyAssignor());
    }

    static Map<String, List<TopicPartition>> run(
            ConsumerPartitionAssignor assignor, Group group, Map<String, Subscription> subscriptions) {
        Map<String, List<TopicPartition>> result = new HashMap<>();
        assignor.assign(group.partitionsPerTopic(), new GroupSubscription(subscriptions))
                .groupAssignment()
                .forEach((member, assignment) -> result.put(member, assignment.partitions()));
        return result;
    }

    static void assertEveryPartitionOnceToASubscriber(Group group, Map<String, List<TopicPartition>> assignment) {
        List<TopicPartition> assigned = new ArrayList<>();
        assignment.forEach((member, partitions) -> {
            partitions.forEach(
                    tp -> assertThat(group.topicsByMember().get(member)).contains(tp.topic()));
            assigned.addAll(partitions);
        });
        assertThat(assigned).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(group.allPartitions());
    }

    static void assertBalancedWithinOne(Map<String, List<TopicPartition>> assignment) {
        int max = assignment.values().stream().mapToInt(List::size).max().orElse(0);
        int min = assignment.values().stream().mapToInt(List::size).min().orElse(0);
        assertThat(max - min).as("%s", assignment).isLessThanOrEqualTo(1);
    }

    @Property(tries = 200)
    void shouldAssignEveryPartitionToExactlyOneSubscribedMemberWhenAnyAssignorRuns(@ForAll("groups") Group group) {
        for (ConsumerPartitionAssignor assignor : assignors()) {
            Map<String, List<TopicPartition>> assignment = run(assignor, group, group.subscriptions());

            assertThat(assignment.keySet())
                    .as(assignor.name())
                    .isEqualTo(group.topicsByMember().keySet());
            assertEveryPartitionOnceToASubscriber(group, assignment);
        }
    }

    @Property(tries = 200)
    void shouldBalanceWithinOneWhenSubscriptionsAreIdentical(@ForAll("identicalGroups") Group group) {
        for (ConsumerPartitionAssignor assignor :
                List.of(new RoundRobinAssignor(), new StickyAssignor(), new CooperativeStickyAssignor())) {
            assertBalancedWithinOne(run(assignor, group, group.subscriptions()));
        }
    }

    @Property(tries = 200)
    void shouldRebalanceWithinOneFromAnyPreviousOwnershipWhenSticky(
            @ForAll("identicalGroups") Group group, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Map<String, List<TopicPartition>> previous = randomOwnership(group, seed);

        Map<String, List<TopicPartition>> assignment = run(new StickyAssignor(), group, withUserData(group, previous));

        assertEveryPartitionOnceToASubscriber(group, assignment);
        assertBalancedWithinOne(assignment);
    }

    @Property(tries = 200)
    void shouldKeepABalancedPreviousAssignmentWhenSticky(@ForAll("identicalGroups") Group group) {
        Map<String, List<TopicPartition>> balanced = run(new RoundRobinAssignor(), group, group.subscriptions());

        Map<String, List<TopicPartition>> eager = run(new StickyAssignor(), group, withUserData(group, balanced));
        Map<String, List<TopicPartition>> cooperative =
                run(new CooperativeStickyAssignor(), group, withOwned(group, balanced));

        assertSameSets(eager, balanced);
        assertSameSets(cooperative, balanced);
    }

    @Property(tries = 200)
    void shouldKeepEveryRemainingMembersPartitionsWhenAMemberLeavesABalancedGroup(
            @ForAll("identicalGroups") Group group) {
        Map<String, List<TopicPartition>> balanced = run(new RoundRobinAssignor(), group, group.subscriptions());
        Map<String, List<String>> remaining = new LinkedHashMap<>(group.topicsByMember());
        remaining.remove(remaining.keySet().iterator().next());
        Group smaller = new Group(group.partitionsPerTopic(), remaining);
        Map<String, List<TopicPartition>> previous = new HashMap<>(balanced);
        previous.keySet().retainAll(remaining.keySet());

        Map<String, List<TopicPartition>> assignment =
                run(new CooperativeStickyAssignor(), smaller, withOwned(smaller, previous));

        remaining.keySet().forEach(member -> assertThat(assignment.get(member)).containsAll(previous.get(member)));
        assertEveryPartitionOnceToASubscriber(smaller, assignment);
    }

    @Property(tries = 300)
    void shouldNeverGiveAPartitionToANewOwnerWhileAnotherMemberOwnsItWhenCooperative(
            @ForAll("groups") Group group, @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Map<String, List<TopicPartition>> owned = randomOwnership(group, seed);
        int rounds = 0;

        while (rounds < 10) {
            Map<String, List<TopicPartition>> next =
                    run(new CooperativeStickyAssignor(), group, withOwned(group, owned));
            assertNoTransferWhileOwned(next, owned);
            rounds++;
            if (next.values().stream().mapToInt(List::size).sum()
                    == group.allPartitions().size()) {
                owned = next;
                break;
            }
            owned = next;
        }

        assertThat(rounds).as("rebalances until every partition has an owner").isLessThanOrEqualTo(3);
        assertEveryPartitionOnceToASubscriber(group, owned);
    }

    static void assertNoTransferWhileOwned(
            Map<String, List<TopicPartition>> assignment, Map<String, List<TopicPartition>> owned) {
        assignment.forEach((member, partitions) -> partitions.forEach(tp -> owned.forEach((other, theirs) -> {
            if (!other.equals(member)) {
                assertThat(theirs)
                        .as("%s given to %s, still owned by %s", tp, member, other)
                        .doesNotContain(tp);
            }
        })));
    }

    @Property(tries = 200)
    void shouldAssignAsKafkaDoesWhenRangeOrRoundRobin(@ForAll("groups") Group group) {
        Map<String, org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription> kafkaSubscriptions =
                new HashMap<>();
        group.topicsByMember()
                .forEach((member, topics) -> kafkaSubscriptions.put(
                        member, new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Subscription(topics)));

        Map<String, List<TopicPartition>> range = run(new RangeAssignor(), group, group.subscriptions());
        Map<String, List<TopicPartition>> roundRobin = run(new RoundRobinAssignor(), group, group.subscriptions());

        assertSameSets(
                range,
                fromKafka(new org.apache.kafka.clients.consumer.RangeAssignor()
                        .assign(group.partitionsPerTopic(), kafkaSubscriptions)));
        assertSameSets(
                roundRobin,
                fromKafka(new org.apache.kafka.clients.consumer.RoundRobinAssignor()
                        .assign(group.partitionsPerTopic(), kafkaSubscriptions)));
    }

    @Test
    void shouldWriteKafkasStickyUserDataWhenAnAssignmentArrived() {
        List<TopicPartition> partitions = List.of(new TopicPartition("t", 2), new TopicPartition("t", 0));
        StickyAssignor ours = new StickyAssignor();
        ours.onAssignment(new Assignment(partitions), new ConsumerGroupMetadata("g", 7, "m", Optional.empty()));
        org.apache.kafka.clients.consumer.StickyAssignor kafka = new org.apache.kafka.clients.consumer.StickyAssignor();
        kafka.onAssignment(
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(List.of(
                        new org.apache.kafka.common.TopicPartition("t", 2),
                        new org.apache.kafka.common.TopicPartition("t", 0))),
                new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 7, "m", Optional.empty()));

        ByteBuffer ourBytes = ours.subscriptionUserData(Set.of("t"));
        ByteBuffer kafkaBytes = kafka.subscriptionUserData(Set.of("t"));

        assertThat(ourBytes).isEqualTo(kafkaBytes);
        assertThat(StickyUserData.decodeSticky(kafkaBytes).partitions()).containsExactlyElementsOf(partitions);
        assertThat(StickyUserData.decodeSticky(kafkaBytes).generation()).contains(7);
    }

    @Test
    void shouldWriteKafkasCooperativeUserDataWhenAnAssignmentArrived() {
        CooperativeStickyAssignor ours = new CooperativeStickyAssignor();
        ours.onAssignment(new Assignment(List.of()), new ConsumerGroupMetadata("g", 3, "m", Optional.empty()));
        org.apache.kafka.clients.consumer.CooperativeStickyAssignor kafka =
                new org.apache.kafka.clients.consumer.CooperativeStickyAssignor();
        kafka.onAssignment(
                new org.apache.kafka.clients.consumer.ConsumerPartitionAssignor.Assignment(List.of()),
                new org.apache.kafka.clients.consumer.ConsumerGroupMetadata("g", 3, "m", Optional.empty()));

        assertThat(ours.subscriptionUserData(Set.of("t"))).isEqualTo(kafka.subscriptionUserData(Set.of("t")));
    }

    static Map<String, List<TopicPartition>> randomOwnership(Group group, int seed) {
        java.util.Random random = new java.util.Random(seed);
        Map<String, List<TopicPartition>> owned = new HashMap<>();
        group.topicsByMember().keySet().forEach(member -> owned.put(member, new ArrayList<>()));
        List<String> members = new ArrayList<>(group.topicsByMember().keySet());
        for (TopicPartition tp : group.allPartitions()) {
            if (random.nextInt(3) > 0) {
                String member = members.get(random.nextInt(members.size()));
                if (group.topicsByMember().get(member).contains(tp.topic())) {
                    owned.get(member).add(tp);
                }
            }
        }
        return owned;
    }

    static Map<String, Subscription> withUserData(Group group, Map<String, List<TopicPartition>> previous) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        group.topicsByMember()
                .forEach((member, topics) -> subscriptions.put(
                        member,
                        new Subscription(
                                topics, StickyUserData.encodeSticky(previous.getOrDefault(member, List.of()), 1))));
        return subscriptions;
    }

    static Map<String, Subscription> withOwned(Group group, Map<String, List<TopicPartition>> owned) {
        Map<String, Subscription> subscriptions = new HashMap<>();
        group.topicsByMember()
                .forEach((member, topics) -> subscriptions.put(
                        member,
                        new Subscription(topics, null, owned.getOrDefault(member, List.of()), 1, Optional.empty())));
        return subscriptions;
    }

    static Map<String, List<TopicPartition>> fromKafka(
            Map<String, List<org.apache.kafka.common.TopicPartition>> kafka) {
        Map<String, List<TopicPartition>> ours = new HashMap<>();
        kafka.forEach((member, partitions) -> ours.put(
                member,
                partitions.stream()
                        .map(tp -> new TopicPartition(tp.topic(), tp.partition()))
                        .toList()));
        return ours;
    }

    static void assertSameSets(Map<String, List<TopicPartition>> actual, Map<String, List<TopicPartition>> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((member, partitions) ->
                assertThat(actual.get(member)).as(member).containsExactlyInAnyOrderElementsOf(partitions));
    }
}
