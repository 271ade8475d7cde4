package io.runnel.client.consumer.internal;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Fetched data waiting for the application: the I/O thread {@link #add}s completed fetches, {@code poll} takes them.
 * A partition with buffered data is not fetched again until the application has drained it, which bounds the memory
 * to one response per partition while keeping the next fetch in flight as soon as the application has taken the
 * records (pipelining).
 *
 * <p>Thread-safe: one lock; the application waits on its condition, which {@link #add} and {@link #wakeup} signal.
 */
public final class FetchBuffer {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Deque<CompletedFetch> completed = new ArrayDeque<>();
    private final Set<TopicPartition> buffered = new HashSet<>();
    private boolean woken;

    /** Hands a fetch result to the application. I/O thread. */
    public void add(CompletedFetch fetch) {
        lock.lock();
        try {
            completed.addLast(fetch);
            buffered.add(fetch.partition);
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Whether data of {@code partition} is waiting for the application. */
    public boolean hasBuffered(TopicPartition partition) {
        lock.lock();
        try {
            return buffered.contains(partition);
        } finally {
            lock.unlock();
        }
    }

    /** The oldest result, not removed, or null. */
    @Nullable
    CompletedFetch peek() {
        lock.lock();
        try {
            return completed.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Removes the oldest result (the application has drained or dropped it). */
    void pollFirst() {
        lock.lock();
        try {
            CompletedFetch fetch = completed.pollFirst();
            if (fetch != null) {
                buffered.remove(fetch.partition);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops results matching {@code stale} (unassigned partitions, seeks). */
    public void removeIf(Predicate<CompletedFetch> stale) {
        lock.lock();
        try {
            completed.removeIf(fetch -> {
                if (stale.test(fetch)) {
                    buffered.remove(fetch.partition);
                    return true;
                }
                return false;
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeoutMs} for data, a {@link #wakeup} or a {@link #signal}.
     *
     * @throws InterruptException if the thread is interrupted
     */
    public void await(long timeoutMs) {
        lock.lock();
        try {
            if (!completed.isEmpty() || woken) {
                woken = false;
                return;
            }
            notEmpty.await(timeoutMs, TimeUnit.MILLISECONDS);
            woken = false;
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Makes a waiting {@code poll} look again (a wakeup, an error, a reset). Any thread. */
    public void wakeup() {
        lock.lock();
        try {
            woken = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
