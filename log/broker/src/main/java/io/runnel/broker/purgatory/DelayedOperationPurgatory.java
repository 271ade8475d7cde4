package io.runnel.broker.purgatory;

import io.runnel.common.Time;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where delayed operations wait: each is watched under one or more keys (the partitions it reads or writes) and
 * scheduled on a {@link TimerWheel} for its timeout. An event on a key ({@link #checkAndComplete}) re-checks the
 * operations watching it; the timer expires the rest.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe. The purgatory owns one reaper thread ({@code <name>-reaper}) that advances the wheel every tick and
 * runs expirations while operations wait, and sleeps while none does (an idle broker takes no CPU for its
 * purgatories): the thread that puts the first operation on the timer wakes it. {@link #runOnce()} does one step of
 * it, for tests with a manual clock. {@link #close()} stops the reaper and completes every waiting operation (as
 * expired), so no request is left without an answer.
 */
public final class DelayedOperationPurgatory<K> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DelayedOperationPurgatory.class);
    private static final int PURGE_INTERVAL = 1000;

    private final String name;
    private final TimerWheel wheel;
    private final ConcurrentHashMap<K, ConcurrentLinkedQueue<DelayedOperation>> watchers = new ConcurrentHashMap<>();
    private final AtomicInteger watchedSinceLastPurge = new AtomicInteger();
    private final Thread reaper;
    private volatile boolean running = true;
    /** Set by the reaper before it sleeps on an empty timer; whoever adds an operation then wakes it. */
    private volatile boolean reaperIdle;

    /**
     * @param name for the reaper thread and logs
     * @param startReaper false in tests that step {@link #runOnce()} themselves
     */
    public DelayedOperationPurgatory(String name, Time time, long tickMs, boolean startReaper) {
        this.name = name;
        this.wheel = new TimerWheel(time, tickMs, 512);
        this.reaper = new Thread(this::run, name + "-reaper");
        this.reaper.setDaemon(true);
        if (startReaper) {
            reaper.start();
        }
    }

    /**
     * Completes {@code operation} now if it can; otherwise watches it under {@code keys} and starts its timeout.
     *
     * @return whether it completed at once
     */
    public boolean tryCompleteElseWatch(DelayedOperation operation, List<K> keys) {
        if (operation.tryComplete()) {
            return true;
        }
        for (K key : keys) {
            if (operation.isCompleted()) {
                return false;
            }
            watchers.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(operation);
        }
        // An event may have come between the first check and the watch: check once more.
        if (operation.tryComplete()) {
            return true;
        }
        if (!operation.isCompleted()) {
            wheel.add(operation);
            // The add is visible to the reaper's check under the wheel's lock; if the reaper decided to sleep before
            // that check, it set reaperIdle first, so this read sees it.
            if (reaperIdle) {
                LockSupport.unpark(reaper);
            }
            if (operation.isCompleted()) {
                wheel.remove(operation);
            }
        }
        if (watchedSinceLastPurge.incrementAndGet() >= PURGE_INTERVAL) {
            purgeCompleted();
        }
        return false;
    }

    /**
     * Re-checks the operations watching {@code key}, as after an append to that partition.
     *
     * @return how many completed
     */
    public int checkAndComplete(K key) {
        ConcurrentLinkedQueue<DelayedOperation> queue = watchers.get(key);
        if (queue == null) {
            return 0;
        }
        int completed = 0;
        Iterator<DelayedOperation> it = queue.iterator();
        while (it.hasNext()) {
            DelayedOperation operation = it.next();
            if (operation.isCompleted()) {
                it.remove();
            } else if (operation.tryComplete()) {
                it.remove();
                wheel.remove(operation);
                completed++;
            }
        }
        if (queue.isEmpty()) {
            watchers.remove(key, queue);
        }
        return completed;
    }

    /** Operations being watched under {@code key} that have not completed. */
    public int watched(K key) {
        ConcurrentLinkedQueue<DelayedOperation> queue = watchers.get(key);
        if (queue == null) {
            return 0;
        }
        int count = 0;
        for (DelayedOperation operation : queue) {
            if (!operation.isCompleted()) {
                count++;
            }
        }
        return count;
    }

    /** Operations waiting on the timer. */
    public int delayed() {
        return wheel.size();
    }

    /** One step of the reaper: expire what is due, and drop completed operations from the watch lists. */
    public int runOnce() {
        int expired = wheel.advanceClock();
        if (expired > 0) {
            purgeCompleted();
        }
        return expired;
    }

    private void purgeCompleted() {
        watchedSinceLastPurge.set(0);
        for (var entry : watchers.entrySet()) {
            entry.getValue().removeIf(DelayedOperation::isCompleted);
            if (entry.getValue().isEmpty()) {
                watchers.remove(entry.getKey(), entry.getValue());
            }
        }
    }

    private void run() {
        long tickNanos = wheel.tickMs() * 1_000_000L;
        while (running) {
            try {
                runOnce();
                if (wheel.size() > 0) {
                    LockSupport.parkNanos(this, tickNanos);
                    continue;
                }
                reaperIdle = true;
                // Re-check after announcing: an operation added before reaperIdle was set is seen here.
                if (wheel.size() == 0 && running) {
                    LockSupport.park(this);
                }
                reaperIdle = false;
            } catch (RuntimeException e) {
                log.error("[Purgatory {}] Expiring operations failed; the reaper goes on", name, e);
            }
        }
    }

    /** Stops the reaper and expires every waiting operation. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (reaper.isAlive()) {
            LockSupport.unpark(reaper);
            reaper.join();
        }
        List<DelayedOperation> waiting = new ArrayList<>();
        for (ConcurrentLinkedQueue<DelayedOperation> queue : watchers.values()) {
            waiting.addAll(queue);
        }
        watchers.clear();
        for (DelayedOperation operation : waiting) {
            operation.run();
        }
    }
}
