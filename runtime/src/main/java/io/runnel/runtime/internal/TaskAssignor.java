package io.runnel.runtime.internal;

import io.runnel.streams.processor.TaskId;
import java.util.List;
import java.util.Set;

/**
 * Decides which tasks each stream thread of this instance runs: the assignment seam. Today one instance runs every
 * task of the application and this assignor spreads them over its threads once, at start (and again when a thread is
 * replaced). With group-based assignment across instances, the group's leader will decide which tasks this instance
 * gets and each thread will receive its share through {@link StreamThread#assignTasks} from its consumer's rebalance
 * listener instead.
 *
 * <p>Implementations are stateless and thread-safe.
 */
@FunctionalInterface
public interface TaskAssignor {

    /**
     * @param tasks every task to run
     * @param threads the number of stream threads, at least 1
     * @return one set per thread, in thread order; every task in exactly one set
     */
    List<Set<TaskId>> assign(Set<TaskId> tasks, int threads);

    /**
     * Deals the tasks in task-id order over the threads, one at a time, so that each sub-topology's tasks (the work
     * of one stage) are spread evenly.
     */
    static TaskAssignor roundRobin() {
        return (tasks, threads) -> {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1: " + threads);
            }
            List<Set<TaskId>> out = new java.util.ArrayList<>();
            for (int i = 0; i < threads; i++) {
                out.add(new java.util.TreeSet<>());
            }
            int next = 0;
            for (TaskId task : new java.util.TreeSet<>(tasks)) {
                out.get(next).add(task);
                next = (next + 1) % threads;
            }
            return out;
        };
    }
}
