package io.runnel.streams.processor;

/** A task: one sub-topology running on one input partition. Printed as Kafka does, {@code 0_1}. */
public record TaskId(int subtopology, int partition) implements Comparable<TaskId> {
    public TaskId {
        if (subtopology < 0) {
            throw new IllegalArgumentException("subtopology must be >= 0: " + subtopology);
        }
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0: " + partition);
        }
    }

    @Override
    public int compareTo(TaskId o) {
        int c = Integer.compare(subtopology, o.subtopology);
        return c != 0 ? c : Integer.compare(partition, o.partition);
    }

    @Override
    public String toString() {
        return subtopology + "_" + partition;
    }
}
