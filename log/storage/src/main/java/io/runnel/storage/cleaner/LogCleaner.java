package io.runnel.storage.cleaner;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.storage.Log;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts logs whose {@code cleanup.policy} includes {@code compact}: keeps the latest record per key in each log's
 * inactive segments, drops tombstones after {@code delete.retention.ms}, and never touches the active segment or
 * changes an offset. Kafka's {@code LogCleaner}, described in {@code docs/compaction.md}.
 *
 * <h2>Life cycle</h2>
 *
 * <pre>{@code
 * LogCleaner cleaner = new LogCleaner(cleanerConfig, logManager::logs, log -> highWatermarkOf(log), time);
 * cleaner.startup();                  // threads runnel-log-cleaner-0..N-1, if log.cleaner.enable
 * cleaner.abortAndPause(tp);          // before truncating a log (truncateTo, truncateFullyAndStartAt) ...
 * cleaner.resume(tp);                 // ... and after, in a finally
 * cleaner.forget(log);                // deleting a log: once the supplier no longer returns it, before closing it
 * cleaner.close();                    // before closing the logs: stops cleaning at the next batch, joins threads
 * }</pre>
 *
 * <p>Each thread loops on {@link #runOnce()}'s body: pick the dirtiest log, clean it, checkpoint; with nothing to do it
 * waits {@code log.cleaner.backoff.ms} on a condition that {@link #close()} signals. A failure is logged (with its
 * stack trace the first time) and the log is retried after the backoff; the thread lives on. Tests call {@link
 * #runOnce()} on a cleaner that was never started, with a manual {@link Time}.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe. The cleaner never interrupts its threads: an interrupt during file I/O would close the log's shared
 * {@code FileChannel}s under every reader.
 */
public final class LogCleaner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogCleaner.class);

    /** Thread names are this followed by the thread's index. */
    public static final String THREAD_NAME_PREFIX = "runnel-log-cleaner-";

    private final CleanerConfig config;
    private final Time time;
    private final CleaningCoordinator coordinator;
    private final Object lifecycle = new Object();

    @GuardedBy("lifecycle")
    private final List<Thread> threads = new ArrayList<>();

    @GuardedBy("lifecycle")
    private @Nullable Cleaner stepper;

    @GuardedBy("lifecycle")
    private boolean closed;

    /**
     * A cleaner that has not started.
     *
     * @param config the cleaner's settings
     * @param logs the logs to consider, asked again each time a thread looks for work (from the cleaner's threads,
     *     holding no cleaner lock); logs that are not compacted or are closed are skipped
     * @param maxCleanableOffset for a log, the first offset compaction must not reach: the partition's high watermark,
     *     or its last stable offset once transactions exist (Kafka's bound; records above it may still be truncated by
     *     a follower, and a record they displaced would be lost). {@code log -> Long.MAX_VALUE} when every record is
     *     committed (one replica, tests). Called from the cleaner's threads
     * @param time the clock for delete horizons, {@code min.compaction.lag.ms} and retry times
     */
    public LogCleaner(
            CleanerConfig config,
            Supplier<? extends Collection<Log>> logs,
            ToLongFunction<Log> maxCleanableOffset,
            Time time) {
        this.config = config;
        this.time = time;
        this.coordinator = new CleaningCoordinator(logs, maxCleanableOffset, config.backoff());
    }

    /**
     * Starts {@code log.cleaner.threads} threads, unless {@code log.cleaner.enable} is false or there are none.
     * Idempotent.
     *
     * @throws IllegalStateException if the cleaner was closed
     */
    public void startup() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("the log cleaner is closed");
            }
            if (!config.enable() || config.threads() == 0 || !threads.isEmpty()) {
                return;
            }
            for (int i = 0; i < config.threads(); i++) {
                String name = THREAD_NAME_PREFIX + i;
                Cleaner cleaner = newCleaner(name);
                Thread thread = new Thread(() -> run(cleaner), name);
                thread.setUncaughtExceptionHandler((dead, e) ->
                        log.error("Log cleaner thread {} died; compaction has stopped", dead.getName(), e));
                threads.add(thread);
                thread.start();
            }
            log.info("Started {} log cleaner threads", config.threads());
        }
    }

    private Cleaner newCleaner(String name) {
        return new Cleaner("[" + name + "] ", config.mapBytesPerThread(), config.ioBufferSize(), time);
    }

    private void run(Cleaner cleaner) {
        while (!coordinator.isStopping()) {
            boolean cleaned = cleanDirtiest(cleaner);
            if (!cleaned) {
                coordinator.awaitBackoff();
            }
        }
    }

    /**
     * Cleans the dirtiest log, if one needs it, on the calling thread. For tests, on a cleaner whose threads were not
     * started.
     *
     * @return whether a log was cleaned to completion
     * @throws IllegalStateException if the threads are running or the cleaner is closed
     */
    public boolean runOnce() {
        Cleaner cleaner;
        synchronized (lifecycle) {
            if (closed || !threads.isEmpty()) {
                throw new IllegalStateException("runOnce() is for a cleaner that is neither started nor closed");
            }
            cleaner = stepper;
            if (cleaner == null) {
                cleaner = newCleaner(THREAD_NAME_PREFIX + "step");
                stepper = cleaner;
            }
        }
        return cleanDirtiest(cleaner);
    }

    private boolean cleanDirtiest(Cleaner cleaner) {
        CleaningCoordinator.Task task = coordinator.grabDirtiestLog(time.milliseconds());
        if (task == null) {
            return false;
        }
        try {
            Cleaner.Result result = cleaner.clean(task.target, task::shouldStop);
            if (result.outcome() == Cleaner.Outcome.DONE) {
                coordinator.doneCleaning(task, result.endOffset(), result.tombstoneHorizonMs());
                return true;
            }
            coordinator.abandoned(task);
            return false;
        } catch (IOException | RuntimeException e) {
            if (task.shouldStop()) {
                // The log was closed or deleted under the cleaner, or the cleaner is closing: not a failure.
                log.debug("Cleaning of {} stopped: {}", task.target.log().topicPartition(), e.toString());
                coordinator.abandoned(task);
            } else {
                coordinator.failed(task, time.milliseconds(), e);
            }
            return false;
        }
    }

    /**
     * Stops any cleaning of {@code partition} and waits until it has stopped; the partition is not cleaned again
     * until {@link #resume}. Call it before truncating or deleting the log, and never while holding the log's lock.
     */
    public void abortAndPause(TopicPartition partition) {
        coordinator.abortAndPause(partition);
    }

    /** Lets {@code partition} be cleaned again after {@link #abortAndPause}. */
    public void resume(TopicPartition partition) {
        coordinator.resume(partition);
    }

    /**
     * Forgets a deleted log: stops any cleaning of it, waiting until it has stopped, and removes its entry from {@code
     * cleaner-offset-checkpoint}, so a new log of the same name starts dirty. Call it once the logs supplier no longer
     * returns the log and before closing it, never while holding the log's lock.
     */
    public void forget(Log deleted) {
        coordinator.forget(deleted);
    }

    /** Stops the threads: in-flight cleaning ends at its next batch and its partial output is deleted. Idempotent. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            running = List.copyOf(threads);
        }
        coordinator.stop();
        boolean interrupted = false;
        for (Thread thread : running) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("Log cleaner stopped");
    }
}
