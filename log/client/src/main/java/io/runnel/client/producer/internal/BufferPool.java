package io.runnel.client.producer.internal;

import io.runnel.common.Time;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.TimeoutException;
import io.runnel.records.RecordBatchBuilder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's memory: at most {@code buffer.memory} bytes of batches. A batch reserves its capacity (at least
 * {@code batch.size}) when it is created and releases it when it completes; {@link #allocate} blocks while the memory
 * is used up, up to {@code max.block.ms}, then fails with {@link TimeoutException}, which is how a producer faster than
 * its brokers is slowed down.
 *
 * <p>Batch builders of exactly {@code batch.size} are kept in a free list and reused, so that a producer in steady
 * state allocates no batch buffers. Waiters are served in arrival order. Thread-safe.
 */
public final class BufferPool {
    private final long totalMemory;
    private final int poolableSize;
    private final Time time;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Condition> waiters = new ArrayDeque<>();
    /** Builders of {@link #poolableSize}, free for reuse; guarded by {@link #lock}. */
    private final Deque<RecordBatchBuilder> free = new ArrayDeque<>();
    /** Bytes neither reserved by a batch nor held by {@link #free}; guarded by {@link #lock}. */
    private long available;

    private boolean closed;

    public BufferPool(long totalMemory, int poolableSize, Time time) {
        if (poolableSize <= 0 || totalMemory < poolableSize) {
            throw new IllegalArgumentException("buffer.memory (" + totalMemory + ") must be >= batch.size ("
                    + poolableSize + ") and batch.size > 0");
        }
        this.totalMemory = totalMemory;
        this.poolableSize = poolableSize;
        this.time = time;
        this.available = totalMemory;
    }

    /**
     * Reserves {@code size} bytes and returns a builder for them, waiting up to {@code maxWaitMs} for memory.
     *
     * @throws IllegalArgumentException if {@code size} exceeds the whole pool (the caller checks this first)
     * @throws TimeoutException if the memory does not free up in time
     * @throws InterruptException if the thread is interrupted while waiting
     * @throws IllegalStateException if the pool was closed while waiting
     */
    public RecordBatchBuilder allocate(int size, long maxWaitMs) {
        if (size > totalMemory) {
            throw new IllegalArgumentException(
                    "cannot allocate " + size + " bytes from a pool of " + totalMemory + " (buffer.memory)");
        }
        lock.lock();
        try {
            if (size == poolableSize && !free.isEmpty()) {
                return free.pollFirst();
            }
            if (waiters.isEmpty() && available + freeBytes() >= size) {
                reclaim(size);
                available -= size;
                return new RecordBatchBuilder(size);
            }
            return waitFor(size, maxWaitMs);
        } finally {
            lock.unlock();
        }
    }

    private RecordBatchBuilder waitFor(int size, long maxWaitMs) {
        Condition condition = lock.newCondition();
        waiters.addLast(condition);
        long deadlineNs = time.nanoseconds() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        try {
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the producer is closing");
                }
                if (waiters.peekFirst() == condition) {
                    if (size == poolableSize && !free.isEmpty()) {
                        return free.pollFirst();
                    }
                    if (available + freeBytes() >= size) {
                        reclaim(size);
                        available -= size;
                        return new RecordBatchBuilder(size);
                    }
                }
                long remainingNs = deadlineNs - time.nanoseconds();
                if (remainingNs <= 0) {
                    throw new TimeoutException("Failed to allocate " + size + " bytes within the configured max "
                            + "blocking time " + maxWaitMs + " ms (buffer.memory " + totalMemory + " is used up)");
                }
                condition.awaitNanos(remainingNs);
            }
        } catch (InterruptedException e) {
            throw new InterruptException(e);
        } finally {
            waiters.remove(condition);
            Condition next = waiters.peekFirst();
            if (next != null) {
                next.signal();
            }
        }
    }

    /** Turns pooled builders back into plain available bytes until {@code size} fit. Under the lock. */
    private void reclaim(int size) {
        while (available < size && !free.isEmpty()) {
            free.pollLast();
            available += poolableSize;
        }
    }

    private long freeBytes() {
        return (long) free.size() * poolableSize;
    }

    /**
     * Releases a batch's reservation of {@code size} bytes; a builder of {@code batch.size} bytes is kept for reuse.
     */
    public void deallocate(RecordBatchBuilder builder, int size) {
        lock.lock();
        try {
            if (size == poolableSize) {
                free.addFirst(builder);
            } else {
                available += size;
            }
            Condition next = waiters.peekFirst();
            if (next != null) {
                next.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes that can be reserved now without waiting. */
    public long availableMemory() {
        lock.lock();
        try {
            return available + freeBytes();
        } finally {
            lock.unlock();
        }
    }

    /** Whether a thread is blocked waiting for memory (batches are then sent without lingering). */
    public boolean hasWaiters() {
        lock.lock();
        try {
            return !waiters.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    public long totalMemory() {
        return totalMemory;
    }

    public int poolableSize() {
        return poolableSize;
    }

    /** Wakes every waiter, which fails with {@link IllegalStateException}. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiters.forEach(Condition::signal);
        } finally {
            lock.unlock();
        }
    }
}
