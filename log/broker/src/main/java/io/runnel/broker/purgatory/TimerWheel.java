package io.runnel.broker.purgatory;

import io.runnel.common.Time;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A hashed timing wheel: {@code wheelSize} buckets of {@code tickMs} each, like a clock face. A task lands in the
 * bucket of its deadline's tick, with the number of full turns still to wait; {@link #advanceClock()} walks the
 * buckets the clock has passed and runs the tasks whose turns are done. Adding and cancelling are O(1); advancing
 * costs the tasks in the buckets passed. This is what lets thousands of fetch long-polls and {@code acks=all}
 * produces wait without a scheduler entry each (Varghese and Lauck, "Hashed and hierarchical timing wheels", 1987;
 * Kafka's purgatory and Netty's {@code HashedWheelTimer} use the same idea).
 *
 * <p>Thread-safe: tasks are added from any thread; one thread (the purgatory's reaper) advances the clock, and
 * expired tasks run on it. One lock guards the buckets; no task runs while it is held.
 */
public final class TimerWheel {
    private final Time time;
    private final long tickMs;
    private final int mask;
    private final Bucket[] buckets;
    private final ReentrantLock lock = new ReentrantLock();
    private final long startMs;
    // Guarded by lock: the last tick whose bucket was processed.
    private long processedTick;
    private int size;

    /** A bucket: a doubly linked list of tasks. */
    static final class Bucket {
        @Nullable
        TimerTask head;
    }

    /**
     * @param tickMs the resolution: tasks run within one tick after their deadline
     * @param wheelSize buckets, a power of two
     */
    public TimerWheel(Time time, long tickMs, int wheelSize) {
        if (tickMs <= 0 || wheelSize <= 0 || Integer.bitCount(wheelSize) != 1) {
            throw new IllegalArgumentException(
                    "tickMs must be > 0 and wheelSize a power of two: " + tickMs + ", " + wheelSize);
        }
        this.time = time;
        this.tickMs = tickMs;
        this.mask = wheelSize - 1;
        this.buckets = new Bucket[wheelSize];
        for (int i = 0; i < wheelSize; i++) {
            buckets[i] = new Bucket();
        }
        this.startMs = time.milliseconds();
        this.processedTick = 0;
    }

    /** Schedules {@code task} to run once its deadline has passed. */
    public void add(TimerTask task) {
        lock.lock();
        try {
            long tick = Math.max(processedTick + 1, ceilTick(task.deadlineMs()));
            task.remainingRounds = (tick - processedTick - 1) / buckets.length;
            Bucket bucket = buckets[(int) (tick & mask)];
            task.bucket = bucket;
            task.previous = null;
            task.next = bucket.head;
            if (bucket.head != null) {
                bucket.head.previous = task;
            }
            bucket.head = task;
            size++;
        } finally {
            lock.unlock();
        }
    }

    /** Removes a cancelled task from its bucket now rather than when its tick comes. */
    public void remove(TimerTask task) {
        lock.lock();
        try {
            unlink(task);
        } finally {
            lock.unlock();
        }
    }

    private long ceilTick(long deadlineMs) {
        long elapsed = deadlineMs - startMs;
        return elapsed <= 0 ? 0 : (elapsed + tickMs - 1) / tickMs;
    }

    /**
     * Processes every tick up to now and runs the expired tasks (skipping cancelled ones).
     *
     * @return the number of tasks run
     */
    public int advanceClock() {
        List<TimerTask> expired = new ArrayList<>();
        lock.lock();
        try {
            long nowTick = (time.milliseconds() - startMs) / tickMs;
            if (nowTick - processedTick <= buckets.length) {
                for (long t = processedTick + 1; t <= nowTick; t++) {
                    collect(buckets[(int) (t & mask)], expired, 1);
                }
            } else {
                // The clock jumped more than a turn: visit each bucket once, counting the visits it was due.
                for (int b = 0; b < buckets.length; b++) {
                    long firstVisit = processedTick + 1 + ((b - (processedTick + 1)) & mask);
                    collect(buckets[b], expired, (nowTick - firstVisit) / buckets.length + 1);
                }
            }
            processedTick = Math.max(processedTick, nowTick);
        } finally {
            lock.unlock();
        }
        int ran = 0;
        for (TimerTask task : expired) {
            if (!task.isCancelled()) {
                task.run();
                ran++;
            }
        }
        return ran;
    }

    /**
     * Collects the due tasks of a bucket the clock passed {@code visits} times: a task expires once it has no full
     * turns left to wait.
     */
    private void collect(Bucket bucket, List<TimerTask> expired, long visits) {
        TimerTask task = bucket.head;
        while (task != null) {
            TimerTask next = task.next;
            if (task.isCancelled()) {
                unlink(task);
            } else if (task.remainingRounds < visits) {
                unlink(task);
                expired.add(task);
            } else {
                task.remainingRounds -= visits;
            }
            task = next;
        }
    }

    private void unlink(TimerTask task) {
        Bucket bucket = task.bucket;
        if (bucket == null) {
            return;
        }
        if (task.previous != null) {
            task.previous.next = task.next;
        } else {
            bucket.head = task.next;
        }
        if (task.next != null) {
            task.next.previous = task.previous;
        }
        task.bucket = null;
        task.previous = null;
        task.next = null;
        size--;
    }

    /** Tasks waiting, including cancelled ones not yet swept. */
    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    public long tickMs() {
        return tickMs;
    }
}
