package io.runnel.broker.group;

import io.runnel.common.Time;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A clock and a coordinator timer that move only when the test calls {@link #advance}: due tasks run in deadline
 * order (then in order of scheduling), each with the clock at its deadline, as the coordinator thread would run them.
 */
final class ManualTimer implements CoordinatorTimer, Time {
    private record Due(long deadlineMs, long sequence) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byDeadline = Long.compare(deadlineMs, other.deadlineMs);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final TreeMap<Due, Map.Entry<String, Runnable>> tasks = new TreeMap<>();
    private final Map<String, Due> byKey = new HashMap<>();
    private long nowMs;
    private long sequence;

    ManualTimer(long startMs) {
        this.nowMs = startMs;
    }

    @Override
    public void schedule(String key, long deadlineMs, Runnable task) {
        cancel(key);
        Due due = new Due(deadlineMs, sequence++);
        tasks.put(due, Map.entry(key, task));
        byKey.put(key, due);
    }

    @Override
    public void cancel(String key) {
        Due due = byKey.remove(key);
        if (due != null) {
            tasks.remove(due);
        }
    }

    /** Whether a task is scheduled under {@code key}. */
    boolean scheduled(String key) {
        return byKey.containsKey(key);
    }

    /** Moves the clock by {@code deltaMs}, running every task that falls due on the way. */
    void advance(long deltaMs) {
        long target = nowMs + deltaMs;
        while (!tasks.isEmpty() && tasks.firstKey().deadlineMs() <= target) {
            Map.Entry<Due, Map.Entry<String, Runnable>> next = tasks.pollFirstEntry();
            byKey.remove(next.getValue().getKey());
            nowMs = Math.max(nowMs, next.getKey().deadlineMs());
            next.getValue().getValue().run();
        }
        nowMs = target;
    }

    @Override
    public long milliseconds() {
        return nowMs;
    }

    @Override
    public long nanoseconds() {
        return nowMs * 1_000_000L;
    }
}
