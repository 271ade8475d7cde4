package io.runnel.client.admin;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A topic to create, as Kafka's {@code NewTopic}: a name, a partition count and replication factor (or the broker's
 * defaults), explicit replica assignments, and topic configs. Immutable: {@link #configs(Map)} returns a copy.
 */
public final class NewTopic {
    private final String name;
    private final Optional<Integer> numPartitions;
    private final Optional<Short> replicationFactor;
    private final Map<Integer, List<Integer>> replicasAssignments;
    private final Map<String, String> configs;

    /**
     * @throws IllegalArgumentException if {@code numPartitions} or {@code replicationFactor} is below 1
     */
    public NewTopic(String name, int numPartitions, short replicationFactor) {
        this(name, Optional.of(numPartitions), Optional.of(replicationFactor));
    }

    /** With empty optionals for the broker's {@code num.partitions} and {@code default.replication.factor}. */
    public NewTopic(String name, Optional<Integer> numPartitions, Optional<Short> replicationFactor) {
        this(name, numPartitions, replicationFactor, Map.of(), Map.of());
    }

    /** With explicit replicas per partition: partition index to broker ids, preferred leader first. */
    public NewTopic(String name, Map<Integer, List<Integer>> replicasAssignments) {
        this(name, Optional.empty(), Optional.empty(), replicasAssignments, Map.of());
    }

    private NewTopic(
            String name,
            Optional<Integer> numPartitions,
            Optional<Short> replicationFactor,
            Map<Integer, List<Integer>> replicasAssignments,
            Map<String, String> configs) {
        this.name = Objects.requireNonNull(name, "name");
        numPartitions.ifPresent(n -> {
            if (n < 1) {
                throw new IllegalArgumentException("numPartitions must be >= 1: " + n);
            }
        });
        replicationFactor.ifPresent(r -> {
            if (r < 1) {
                throw new IllegalArgumentException("replicationFactor must be >= 1: " + r);
            }
        });
        this.numPartitions = numPartitions;
        this.replicationFactor = replicationFactor;
        this.replicasAssignments = Map.copyOf(replicasAssignments);
        this.configs = Map.copyOf(configs);
    }

    /** A copy with these topic configs (for example {@code cleanup.policy=compact}). */
    public NewTopic configs(Map<String, String> configs) {
        return new NewTopic(name, numPartitions, replicationFactor, replicasAssignments, configs);
    }

    public String name() {
        return name;
    }

    /** The partition count, or -1 for the broker's default. */
    public int numPartitions() {
        return numPartitions.orElse(-1);
    }

    /** The replication factor, or -1 for the broker's default. */
    public short replicationFactor() {
        return replicationFactor.orElse((short) -1);
    }

    public Map<Integer, List<Integer>> replicasAssignments() {
        return replicasAssignments;
    }

    public Map<String, String> configs() {
        return configs;
    }

    @Override
    public String toString() {
        return "NewTopic(name=" + name + ", numPartitions=" + numPartitions() + ", replicationFactor="
                + replicationFactor() + ", configs=" + configs + ")";
    }
}
