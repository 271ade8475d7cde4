package io.runnel.runtime.internal;

import io.runnel.client.consumer.ConsumerGroupMetadata;
import io.runnel.client.consumer.ConsumerPartitionAssignor;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InvalidConfigurationException;
import io.runnel.streams.processor.TaskId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Assigns whole tasks, not partitions, to the members of an application's consumer group. A task is one sub-topology on
 * one partition number; its partitions are that partition of each of the sub-topology's source topics, and they always
 * go to the same member, so co-partitioned inputs meet in one task. A sub-topology has as many tasks as its largest
 * source topic has partitions.
 *
 * <p>The assignment is balanced (members' task counts differ by at most one) and sticky: first every member keeps up
 * to its fair share of the tasks it ran before, then the remaining tasks go, in task order, to the least loaded member.
 * A member reports the tasks it ran in its subscription's user data (a count, then subtopology and partition of each
 * task, all big-endian ints), and, when the group is cooperative, through its owned partitions.
 *
 * <p>The leader uses its own topology: every member of one application runs the same one. Not thread-safe: one
 * consumer uses an instance, as {@link ConsumerPartitionAssignor} says.
 */
public final class StreamsPartitionAssignor implements ConsumerPartitionAssignor {
    /** The protocol name in JoinGroup. */
    public static final String NAME = "runnel-streams";

    /**
     * The consumer configuration key under which a stream thread hands its topology's topic groups (a {@code
     * Map<Integer, Set<String>>}: the source topics of each sub-topology) to the assignor the consumer creates.
     */
    public static final String TOPIC_GROUPS_CONFIG = "__runnel.streams.topic.groups__";

    // Set once, by the constructor or configure(), before the consumer's first rebalance.
    private SortedMap<Integer, Set<String>> topicGroups = new TreeMap<>();
    private Set<TaskId> ownedTasks = Set.of();

    /** For {@code partition.assignment.strategy}: the topic groups come from {@link #configure}. */
    public StreamsPartitionAssignor() {}

    /** @param topicGroups the source topics of each sub-topology, by sub-topology id */
    public StreamsPartitionAssignor(Map<Integer, Set<String>> topicGroups) {
        this.topicGroups = copyOf(topicGroups);
    }

    private static SortedMap<Integer, Set<String>> copyOf(Map<?, ?> topicGroups) {
        TreeMap<Integer, Set<String>> groups = new TreeMap<>();
        topicGroups.forEach((id, topics) -> {
            if (!(id instanceof Integer subtopology) || !(topics instanceof Set<?> set) || set.isEmpty()) {
                throw new InvalidConfigurationException(TOPIC_GROUPS_CONFIG
                        + " must map each sub-topology id to its non-empty set of topics: " + id + "=" + topics);
            }
            Set<String> names = new TreeSet<>();
            for (Object topic : set) {
                names.add(String.valueOf(topic));
            }
            groups.put(subtopology, Set.copyOf(names));
        });
        return groups;
    }

    /**
     * Reads the topic groups from {@link #TOPIC_GROUPS_CONFIG}.
     *
     * @throws InvalidConfigurationException if the key is missing or its value is not a map of topic groups
     */
    @Override
    public void configure(Map<String, ?> configs) {
        Object groups = configs.get(TOPIC_GROUPS_CONFIG);
        if (!(groups instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new InvalidConfigurationException(
                    NAME + " needs the topology's topic groups in " + TOPIC_GROUPS_CONFIG + ": " + groups);
        }
        this.topicGroups = copyOf(map);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ByteBuffer subscriptionUserData(Set<String> topics) {
        return encode(ownedTasks);
    }

    @Override
    public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
        ownedTasks = Set.copyOf(tasksOf(assignment.partitions()));
    }

    /** The tasks whose partitions this member holds after its last assignment. */
    public Set<TaskId> ownedTasks() {
        return ownedTasks;
    }

    @Override
    public GroupAssignment assign(Map<String, Integer> partitionsPerTopic, GroupSubscription groupSubscription) {
        Map<TaskId, List<TopicPartition>> tasks = tasks(partitionsPerTopic);
        SortedMap<String, Set<TaskId>> previous = new TreeMap<>();
        groupSubscription.groupSubscription().forEach((member, subscription) -> {
            Set<TaskId> owned = new TreeSet<>(decode(subscription.userData()));
            owned.addAll(tasksOf(subscription.ownedPartitions()));
            previous.put(member, owned);
        });
        Map<String, Set<TaskId>> byMember = assignTasks(tasks.keySet(), previous);
        Map<String, Assignment> out = new HashMap<>();
        byMember.forEach((member, memberTasks) -> {
            List<TopicPartition> partitions = new ArrayList<>();
            memberTasks.forEach(task -> partitions.addAll(tasks.getOrDefault(task, List.of())));
            out.put(member, new Assignment(partitions));
        });
        return new GroupAssignment(out);
    }

    /**
     * Deals {@code tasks} to the members of {@code previous} (each with the tasks it ran before): balanced, sticky, and
     * every task to exactly one member.
     */
    static Map<String, Set<TaskId>> assignTasks(Set<TaskId> tasks, SortedMap<String, Set<TaskId>> previous) {
        Map<String, Set<TaskId>> out = new TreeMap<>();
        if (previous.isEmpty()) {
            return out;
        }
        previous.keySet().forEach(member -> out.put(member, new TreeSet<>()));
        int base = tasks.size() / previous.size();
        int extra = tasks.size() % previous.size();
        Set<TaskId> unassigned = new TreeSet<>(tasks);
        for (Map.Entry<String, Set<TaskId>> entry : previous.entrySet()) {
            keep(entry.getValue(), unassigned, out.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()), base);
        }
        for (Map.Entry<String, Set<TaskId>> entry : previous.entrySet()) {
            if (extra > 0
                    && keep(
                            entry.getValue(),
                            unassigned,
                            out.computeIfAbsent(entry.getKey(), k -> new TreeSet<>()),
                            base + 1)) {
                extra--;
            }
        }
        for (TaskId task : unassigned) {
            Set<TaskId> least = null;
            for (Set<TaskId> candidate : out.values()) {
                if (least == null || candidate.size() < least.size()) {
                    least = candidate;
                }
            }
            if (least != null) {
                least.add(task);
            }
        }
        return out;
    }

    /** Moves previously owned tasks still unassigned to {@code into} until it holds {@code limit}; true if it grew. */
    private static boolean keep(Set<TaskId> owned, Set<TaskId> unassigned, Set<TaskId> into, int limit) {
        boolean grew = false;
        for (TaskId task : new TreeSet<>(owned)) {
            if (into.size() >= limit) {
                break;
            }
            if (unassigned.remove(task)) {
                into.add(task);
                grew = true;
            }
        }
        return grew;
    }

    /** Every task of the topology on these topics and its partitions. */
    Map<TaskId, List<TopicPartition>> tasks(Map<String, Integer> partitionsPerTopic) {
        Map<TaskId, List<TopicPartition>> tasks = new TreeMap<>();
        topicGroups.forEach((subtopology, topics) -> {
            for (String topic : new TreeSet<>(topics)) {
                int count = partitionsPerTopic.getOrDefault(topic, 0);
                for (int p = 0; p < count; p++) {
                    tasks.computeIfAbsent(new TaskId(subtopology, p), t -> new ArrayList<>())
                            .add(new TopicPartition(topic, p));
                }
            }
        });
        return tasks;
    }

    /** The tasks that read these partitions. */
    Set<TaskId> tasksOf(List<TopicPartition> partitions) {
        Set<TaskId> out = new TreeSet<>();
        for (TopicPartition tp : partitions) {
            topicGroups.forEach((subtopology, topics) -> {
                if (topics.contains(tp.topic())) {
                    out.add(new TaskId(subtopology, tp.partition()));
                }
            });
        }
        return out;
    }

    static ByteBuffer encode(Set<TaskId> tasks) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 8 * tasks.size());
        buffer.putInt(tasks.size());
        for (TaskId task : new TreeSet<>(tasks)) {
            buffer.putInt(task.subtopology()).putInt(task.partition());
        }
        return buffer.flip();
    }

    /**
     * The tasks in a member's user data; none if it has none.
     *
     * @throws IllegalArgumentException if the bytes are not this assignor's user data
     */
    static Set<TaskId> decode(@Nullable ByteBuffer userData) {
        if (userData == null || !userData.hasRemaining()) {
            return Set.of();
        }
        ByteBuffer buffer = userData.duplicate();
        try {
            int count = buffer.getInt();
            if (count < 0 || count > buffer.remaining() / 8) {
                throw new IllegalArgumentException("Invalid task count in streams user data: " + count);
            }
            Set<TaskId> tasks = new TreeSet<>();
            for (int i = 0; i < count; i++) {
                tasks.add(new TaskId(buffer.getInt(), buffer.getInt()));
            }
            return tasks;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated streams user data", e);
        }
    }
}
