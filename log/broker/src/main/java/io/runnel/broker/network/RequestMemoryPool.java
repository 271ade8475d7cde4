package io.runnel.broker.network;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The listener's budget of request bytes ({@code queued.max.request.bytes}), shared by every connection: a frame's
 * declared size is reserved before its bytes are read, and given back when its request has been answered. A
 * connection that finds no room stops reading and leaves a waiter, run when bytes are given back; the waiter hops to
 * its connection's event loop and tries again (and waits again if another connection took the room first).
 *
 * <p>Thread-safe: reservations come from event loops, releases from whichever thread finishes a request.
 */
final class RequestMemoryPool {
    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    /** A connection waiting for {@code bytes}; {@code retry} must not block (it hops to an event loop). */
    record Waiter(int bytes, Runnable retry) {}

    /** @param capacity bytes that may be reserved at once; {@link Long#MAX_VALUE} for no bound */
    RequestMemoryPool(long capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0: " + capacity);
        }
        this.capacity = capacity;
    }

    /** Reserves {@code bytes} if they fit; false (and nothing reserved) if not. */
    boolean tryReserve(int bytes) {
        while (true) {
            long now = reserved.get();
            if (now + bytes > capacity) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Gives back {@code bytes} reserved earlier, and lets every waiter try again. */
    void release(int bytes) {
        long after = reserved.addAndGet(-bytes);
        if (after < 0) {
            throw new IllegalStateException("released " + bytes + " bytes more than were reserved");
        }
        wakeWaiters();
    }

    /**
     * Runs {@code waiter.retry()} once after some bytes are given back, or at once if {@code waiter.bytes()} fit now
     * (a release may have come between the failed {@link #tryReserve} and this call).
     */
    void await(Waiter waiter) {
        waiters.add(waiter);
        if (reserved.get() + waiter.bytes() <= capacity) {
            wakeWaiters();
        }
    }

    /** Forgets a waiter whose connection closed. */
    void cancel(Waiter waiter) {
        waiters.remove(waiter);
    }

    private void wakeWaiters() {
        Waiter waiter;
        while ((waiter = waiters.poll()) != null) {
            waiter.retry().run();
        }
    }

    /** Bytes reserved now: requests being read, queued or handled. */
    long reservedBytes() {
        return reserved.get();
    }

    /** The bound; {@link Long#MAX_VALUE} when unbounded. */
    long capacity() {
        return capacity;
    }
}
