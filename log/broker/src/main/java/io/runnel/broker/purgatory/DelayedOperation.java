package io.runnel.broker.purgatory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that waits until it can complete or times out: a fetch waiting for {@code min.bytes}, a produce with
 * {@code acks=all} waiting for followers. Exactly one of {@link #onComplete()} runs, once, whichever of "completed"
 * and "expired" happens first; a timeout also calls {@link #onExpiration()} first.
 *
 * <p>Thread-safe: {@link #tryComplete()} may be called from many threads at once (each append that could satisfy
 * the operation checks it); implementations call {@link #forceComplete()} when their condition holds, and the
 * compare-and-set inside it picks the single winner.
 */
public abstract class DelayedOperation extends TimerTask {
    private final AtomicBoolean completed = new AtomicBoolean();

    /** @param deadlineMs when the operation times out */
    protected DelayedOperation(long deadlineMs) {
        super(deadlineMs);
    }

    /**
     * Checks whether the operation can complete now and, if so, calls {@link #forceComplete()}.
     *
     * @return whether this call completed it
     */
    public abstract boolean tryComplete();

    /** Sends the result. Runs once, on the thread that completed or expired the operation; must not block. */
    protected abstract void onComplete();

    /** Notes the timeout (metrics, logs) before {@link #onComplete()}. */
    protected void onExpiration() {}

    /**
     * Completes the operation unless something else did first.
     *
     * @return whether this call completed it
     */
    public final boolean forceComplete() {
        if (completed.compareAndSet(false, true)) {
            cancel();
            onComplete();
            return true;
        }
        return false;
    }

    public final boolean isCompleted() {
        return completed.get();
    }

    @Override
    protected final void run() {
        if (completed.compareAndSet(false, true)) {
            onExpiration();
            onComplete();
        }
    }
}
