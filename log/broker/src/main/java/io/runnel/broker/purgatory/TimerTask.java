package io.runnel.broker.purgatory;

/**
 * Work that runs once its deadline passes, unless cancelled first. Thread-safe: {@link #cancel()} may race with the
 * timer; at most one of them wins, and {@link #run()} is called at most once.
 */
public abstract class TimerTask {
    private final long deadlineMs;
    private volatile boolean cancelled;
    // Guarded by the wheel's lock: the bucket holding the task, for O(1) removal on cancel.
    TimerWheel.@org.jspecify.annotations.Nullable Bucket bucket;

    @org.jspecify.annotations.Nullable
    TimerTask previous;

    @org.jspecify.annotations.Nullable
    TimerTask next;

    long remainingRounds;

    protected TimerTask(long deadlineMs) {
        this.deadlineMs = deadlineMs;
    }

    public long deadlineMs() {
        return deadlineMs;
    }

    /** Stops the task from running; returns false if it already ran or was cancelled. */
    public boolean cancel() {
        if (cancelled) {
            return false;
        }
        cancelled = true;
        return true;
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Called by the timer thread when the deadline has passed. Must not block. */
    protected abstract void run();
}
