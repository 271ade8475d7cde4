package io.runnel.client.consumer.internal;

import static io.runnel.client.consumer.internal.AssignmentMembers.present;

import io.runnel.client.consumer.ConsumerPartitionAssignor.Subscription;
import io.runnel.common.TopicPartition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The algorithm behind the {@code sticky} and {@code cooperative-sticky} assignors. Kafka's rules, our own algorithm:
 *
 * <ol>
 *   <li><b>Keep.</b> Each member keeps the partitions it owned before ({@link MemberData}) that still exist and that it
 *       still subscribes to. A partition claimed by several members stays with the claim of the highest generation; a
 *       tie gives it to none of them.
 *   <li><b>Fill.</b> Partitions nobody kept go, those with the fewest eligible members first, each to the eligible
 *       member with the fewest partitions.
 *   <li><b>Balance.</b> While some member has at least two partitions more than another member eligible for one of
 *       them, one such partition moves from the most loaded member to the least loaded eligible one. Each move lowers
 *       the sum of squared counts, so this ends; with identical subscriptions it ends with counts within one.
 * </ol>
 *
 * A previous assignment that covers every partition and is already balanced comes out unchanged. For the cooperative
 * protocol, {@link #withoutTransfers} then holds back every partition that would go to a new owner while another
 * member still owns it: that member revokes it and rejoins, and the next rebalance hands it over.
 *
 * <p>Deterministic: ties go to members in {@link AssignmentMembers#sorted} order. Stateless.
 */
public final class StickyAssignment {
    /**
     * What a member owned before this rebalance.
     *
     * @param partitions the partitions it owned
     * @param generation the generation in which it got them, if known
     */
    public record MemberData(List<TopicPartition> partitions, Optional<Integer> generation) {
        public MemberData {
            partitions = List.copyOf(partitions);
        }
    }

    private StickyAssignment() {}

    /** The assignment of every member, by member id. */
    public static Map<String, List<TopicPartition>> assign(
            Map<String, Integer> partitionsPerTopic,
            Map<String, Subscription> subscriptions,
            Map<String, MemberData> previous) {
        List<String> members = AssignmentMembers.sorted(subscriptions);
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < members.size(); i++) {
            order.put(members.get(i), i);
        }
        Map<String, List<TopicPartition>> assignment = new LinkedHashMap<>();
        members.forEach(member -> assignment.put(member, new ArrayList<>()));
        List<TopicPartition> all = AssignmentMembers.allPartitionsSorted(partitionsPerTopic, subscriptions);
        Set<TopicPartition> existing = new HashSet<>(all);
        Map<TopicPartition, String> owners = keep(subscriptions, previous, existing, members);
        owners.forEach((tp, member) -> present(assignment, member).add(tp));
        Map<String, List<String>> eligible = new HashMap<>();
        for (TopicPartition tp : all) {
            eligible.computeIfAbsent(tp.topic(), t -> AssignmentMembers.subscribedTo(t, members, subscriptions));
        }
        List<TopicPartition> unassigned = new ArrayList<>();
        for (TopicPartition tp : all) {
            if (!owners.containsKey(tp)) {
                unassigned.add(tp);
            }
        }
        unassigned.sort(Comparator.comparingInt(
                (TopicPartition tp) -> present(eligible, tp.topic()).size()));
        for (TopicPartition tp : unassigned) {
            String target = leastLoaded(present(eligible, tp.topic()), assignment, null);
            if (target != null) {
                present(assignment, target).add(tp);
            }
        }
        balance(assignment, eligible, order);
        return assignment;
    }

    private static Map<TopicPartition, String> keep(
            Map<String, Subscription> subscriptions,
            Map<String, MemberData> previous,
            Set<TopicPartition> existing,
            List<String> members) {
        Map<TopicPartition, String> owners = new HashMap<>();
        Map<TopicPartition, Integer> ownerGeneration = new HashMap<>();
        Set<TopicPartition> contested = new HashSet<>();
        for (String member : members) {
            MemberData data = previous.get(member);
            if (data == null) {
                continue;
            }
            int generation = data.generation().orElse(-1);
            for (TopicPartition tp : data.partitions()) {
                if (!existing.contains(tp)
                        || !present(subscriptions, member).topics().contains(tp.topic())) {
                    continue;
                }
                Integer other = ownerGeneration.get(tp);
                if (other == null || generation > other) {
                    owners.put(tp, member);
                    ownerGeneration.put(tp, generation);
                    contested.remove(tp);
                } else if (generation == other && !member.equals(owners.get(tp))) {
                    contested.add(tp);
                }
            }
        }
        contested.forEach(owners::remove);
        return owners;
    }

    private static void balance(
            Map<String, List<TopicPartition>> assignment,
            Map<String, List<String>> eligible,
            Map<String, Integer> order) {
        Comparator<String> mostLoaded = Comparator.comparingInt(
                        (String m) -> -present(assignment, m).size())
                .thenComparingInt(order::get);
        while (true) {
            List<String> byLoad = new ArrayList<>(assignment.keySet());
            byLoad.sort(mostLoaded);
            boolean moved = false;
            for (String from : byLoad) {
                List<TopicPartition> owned = present(assignment, from);
                for (int i = owned.size() - 1; i >= 0 && !moved; i--) {
                    TopicPartition tp = owned.get(i);
                    String to = leastLoaded(present(eligible, tp.topic()), assignment, from);
                    if (to != null && owned.size() - present(assignment, to).size() >= 2) {
                        owned.remove(i);
                        present(assignment, to).add(tp);
                        moved = true;
                    }
                }
                if (moved) {
                    break;
                }
            }
            if (!moved) {
                return;
            }
        }
    }

    private static @Nullable String leastLoaded(
            List<String> candidates, Map<String, List<TopicPartition>> assignment, @Nullable String except) {
        String best = null;
        for (String member : candidates) {
            if (member.equals(except)) {
                continue;
            }
            if (best == null
                    || present(assignment, member).size()
                            < present(assignment, best).size()) {
                best = member;
            }
        }
        return best;
    }

    /**
     * The cooperative adjustment: removes from each member's new assignment the partitions another member still owns
     * ({@code owned}, as the members reported in their subscriptions).
     */
    public static Map<String, List<TopicPartition>> withoutTransfers(
            Map<String, List<TopicPartition>> assignment, Map<String, List<TopicPartition>> owned) {
        Map<TopicPartition, Set<String>> owners = new HashMap<>();
        owned.forEach((member, partitions) -> partitions.forEach(
                tp -> owners.computeIfAbsent(tp, t -> new HashSet<>()).add(member)));
        Map<String, List<TopicPartition>> adjusted = new LinkedHashMap<>();
        assignment.forEach((member, partitions) -> {
            List<TopicPartition> kept = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                Set<String> current = owners.getOrDefault(tp, Set.of());
                if (current.isEmpty() || current.equals(Set.of(member))) {
                    kept.add(tp);
                }
            }
            adjusted.put(member, kept);
        });
        return adjusted;
    }
}
