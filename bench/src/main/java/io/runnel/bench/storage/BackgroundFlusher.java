package io.runnel.bench.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * A thread that flushes an {@link AppendLog} each time another {@code intervalBytes} have been appended to it, while
 * one appending thread goes on writing: the double buffering of a log whose flusher runs beside its writers. The
 * appender reports each append with {@link #appended(long)}, which blocks while two intervals are not yet durable, so
 * the appender is at most one interval ahead of the sync in flight.
 *
 * <p>Threads: the appending thread (the caller of {@link #appended} and {@link #close}) owns this object; the flusher
 * thread is started by the constructor and stopped and joined by {@link #close}. {@code appended} is written only by
 * the appender and {@code flushed} only by the flusher; each wakes the other with {@link LockSupport#unpark}, and each
 * waits in a loop that rechecks its condition, so a wake-up that comes early is not lost and a spurious one is
 * harmless. The log must allow {@code flush()} concurrently with {@code append()}, as both Runnel's {@code Log} and
 * Kafka's {@code UnifiedLog} do.
 */
final class BackgroundFlusher implements AutoCloseable {
    private final AppendLog log;
    private final long intervalBytes;
    private final Thread appender;
    private final Thread flusher;

    private volatile long appended;
    private volatile long flushed;
    private volatile boolean running = true;
    private volatile @Nullable Throwable failure;
    private long signalled;

    BackgroundFlusher(AppendLog log, long intervalBytes) {
        if (intervalBytes <= 0) {
            throw new IllegalArgumentException("intervalBytes must be positive: " + intervalBytes);
        }
        this.log = log;
        this.intervalBytes = intervalBytes;
        this.appender = Thread.currentThread();
        this.flusher = new Thread(this::run, "bench-log-flusher");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** Records that {@code bytes} more were appended; waits while {@code 2 * intervalBytes} are not yet flushed. */
    void appended(long bytes) {
        long now = appended + bytes;
        appended = now;
        if (now - signalled >= intervalBytes) {
            signalled = now;
            LockSupport.unpark(flusher);
        }
        while (now - flushed >= 2 * intervalBytes) {
            checkFailure();
            LockSupport.park(this);
        }
    }

    private void run() {
        try {
            while (running) {
                long target = appended;
                if (target - flushed < intervalBytes) {
                    LockSupport.park(this);
                    continue;
                }
                log.flush();
                flushed = target;
                LockSupport.unpark(appender);
            }
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            LockSupport.unpark(appender);
        }
    }

    private void checkFailure() {
        Throwable t = failure;
        if (t instanceof IOException e) {
            throw new UncheckedIOException("background flush failed", e);
        } else if (t instanceof RuntimeException e) {
            throw e;
        } else if (t instanceof Error e) {
            throw e;
        }
    }

    /** Stops the flusher thread and waits for it; a flush in flight completes first. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        LockSupport.unpark(flusher);
        flusher.join();
        checkFailure();
    }
}
