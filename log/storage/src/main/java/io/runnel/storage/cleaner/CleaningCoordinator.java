package io.runnel.storage.cleaner;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.runnel.common.TopicPartition;
import io.runnel.storage.Log;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which log each cleaner thread cleans next, and the state shared by the threads (Kafka's {@code LogCleanerManager}):
 * the checkpoints, the logs being cleaned, paused logs, failed logs waiting to be retried, and the earliest delete
 * horizon of each log's kept tombstones.
 *
 * <h2>Choosing</h2>
 *
 * <p>Among compacted, open logs that are not being cleaned, not paused and not waiting after a failure: the one with
 * the highest dirty ratio at or above its {@code min.cleanable.dirty.ratio}; failing that, one whose earliest kept
 * tombstone has passed its delete horizon (so tombstones go even when no new data arrives).
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe: one lock guards everything, and its condition wakes threads waiting for a log's cleaning to stop
 * ({@link #abortAndPause}) or backing off ({@link #awaitBackoff}). Lock order: this lock, then a log's lock, never
 * the reverse. The logs supplier is called without the lock held.
 */
final class CleaningCoordinator {
    private static final Logger log = LoggerFactory.getLogger(CleaningCoordinator.class);

    /** A log being cleaned; the cleaning thread polls {@link #shouldStop()} between batches. */
    final class Task {
        final LogToClean target;
        private volatile boolean aborted;

        Task(LogToClean target) {
            this.target = target;
        }

        boolean shouldStop() {
            return aborted || stopping || target.log().isClosed();
        }
    }

    private record Failure(long retryAtMs, int count) {}

    private final Supplier<? extends Collection<Log>> logs;
    private final ToLongFunction<Log> maxCleanableOffset;
    private final Duration backoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    @GuardedBy("lock")
    private final CleanerCheckpoints checkpoints = new CleanerCheckpoints();

    @GuardedBy("lock")
    private final Map<TopicPartition, Task> inProgress = new HashMap<>();

    @GuardedBy("lock")
    private final Set<TopicPartition> paused = new HashSet<>();

    @GuardedBy("lock")
    private final Map<TopicPartition, Failure> failures = new HashMap<>();

    @GuardedBy("lock")
    private final Map<TopicPartition, Long> tombstoneHorizons = new HashMap<>();

    /**
     * Logs whose last clean could not advance past their first dirty offset (the bound falls inside the first dirty
     * batch), with the range it tried: until that range changes their dirty bytes do not count, or they would be
     * picked again at once, forever.
     */
    @GuardedBy("lock")
    private final Map<TopicPartition, Range> stuck = new HashMap<>();

    private record Range(long firstDirtyOffset, long firstUncleanableOffset) {}

    private volatile boolean stopping;

    CleaningCoordinator(
            Supplier<? extends Collection<Log>> logs, ToLongFunction<Log> maxCleanableOffset, Duration backoff) {
        this.logs = logs;
        this.maxCleanableOffset = maxCleanableOffset;
        this.backoff = backoff;
    }

    /** The dirtiest log that needs cleaning, now marked in progress; or null if none does. */
    @Nullable
    Task grabDirtiestLog(long nowMs) {
        // Asked outside the lock: the supplier may take its owner's lock, and that owner may be in abortAndPause.
        List<Log> candidates = List.copyOf(logs.get());
        lock.lock();
        try {
            if (stopping) {
                return null;
            }
            LogToClean dirtiest = null;
            LogToClean pastHorizon = null;
            for (Log candidate : candidates) {
                LogToClean target = cleanable(candidate, nowMs);
                if (target == null) {
                    continue;
                }
                double ratio = target.dirtyRatio();
                if (target.dirtyBytes() > 0
                        && ratio >= candidate.config().minCleanableDirtyRatio()
                        && (dirtiest == null || ratio > dirtiest.dirtyRatio())) {
                    dirtiest = target;
                } else if (pastHorizon == null
                        && tombstoneHorizons.getOrDefault(candidate.topicPartition(), Long.MAX_VALUE) <= nowMs) {
                    pastHorizon = target;
                }
            }
            LogToClean chosen = dirtiest != null ? dirtiest : pastHorizon;
            if (chosen == null) {
                return null;
            }
            Task task = new Task(chosen);
            inProgress.put(chosen.log().topicPartition(), task);
            return task;
        } finally {
            lock.unlock();
        }
    }

    @GuardedBy("lock")
    private @Nullable LogToClean cleanable(Log candidate, long nowMs) {
        TopicPartition partition = candidate.topicPartition();
        if (!candidate.config().compact()
                || candidate.isClosed()
                || inProgress.containsKey(partition)
                || paused.contains(partition)) {
            return null;
        }
        Failure failure = failures.get(partition);
        if (failure != null && nowMs < failure.retryAtMs()) {
            return null;
        }
        try {
            LogToClean target = LogToClean.of(
                    candidate, firstDirtyOffset(candidate), maxCleanableOffset.applyAsLong(candidate), nowMs);
            Range noProgress = stuck.get(partition);
            if (noProgress != null
                    && noProgress.equals(new Range(target.firstDirtyOffset(), target.firstUncleanableOffset()))) {
                return new LogToClean(
                        candidate,
                        target.segments(),
                        target.firstDirtyOffset(),
                        target.firstUncleanableOffset(),
                        target.cleanBytes() + target.dirtyBytes(),
                        0);
            }
            return target;
        } catch (RuntimeException e) {
            if (!candidate.isClosed()) {
                recordFailure(partition, nowMs, e, "Cannot measure the dirtiness of");
            }
            return null;
        }
    }

    /** The checkpointed first dirty offset, or the log start if there is none or it is out of the log's range. */
    @GuardedBy("lock")
    private long firstDirtyOffset(Log candidate) {
        long logStart = candidate.logStartOffset();
        long checkpoint = checkpoints.get(parentDir(candidate), candidate.topicPartition());
        if (checkpoint < logStart || checkpoint > candidate.logEndOffset()) {
            return logStart;
        }
        return checkpoint;
    }

    /** Marks the task's cleaning complete: compaction reached {@code endOffset}. */
    void doneCleaning(Task task, long endOffset, long tombstoneHorizonMs) {
        Log cleaned = task.target.log();
        TopicPartition partition = cleaned.topicPartition();
        Path dir = parentDir(cleaned);
        Set<TopicPartition> live = new HashSet<>();
        live.add(partition);
        for (Log other : logs.get()) {
            if (dir.equals(parentDir(other))) {
                live.add(other.topicPartition());
            }
        }
        lock.lock();
        try {
            inProgress.remove(partition);
            failures.remove(partition);
            LogToClean target = task.target;
            if (endOffset == target.firstDirtyOffset() && target.dirtyBytes() > 0) {
                stuck.put(partition, new Range(target.firstDirtyOffset(), target.firstUncleanableOffset()));
            } else {
                stuck.remove(partition);
            }
            if (tombstoneHorizonMs == Long.MAX_VALUE) {
                tombstoneHorizons.remove(partition);
            } else {
                tombstoneHorizons.put(partition, tombstoneHorizonMs);
            }
            checkpoints.update(dir, partition, endOffset, live);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the task's cleaning stopped early (aborted, paused, shut down, or its log closed). */
    void abandoned(Task task) {
        lock.lock();
        try {
            inProgress.remove(task.target.log().topicPartition());
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Marks the task's cleaning failed: logged, and the log is retried after the backoff. */
    void failed(Task task, long nowMs, Exception cause) {
        lock.lock();
        try {
            TopicPartition partition = task.target.log().topicPartition();
            inProgress.remove(partition);
            recordFailure(partition, nowMs, cause, "Failed to clean");
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @GuardedBy("lock")
    private void recordFailure(TopicPartition partition, long nowMs, Exception cause, String what) {
        Failure previous = failures.get(partition);
        int count = previous == null ? 1 : previous.count() + 1;
        failures.put(partition, new Failure(nowMs + backoff.toMillis(), count));
        if (count == 1) {
            log.error("{} {}; retrying in {} ms", what, partition, backoff.toMillis(), cause);
        } else {
            log.warn("{} {} again ({} times in a row): {}", what, partition, count, cause.toString());
        }
    }

    /**
     * Stops any cleaning of {@code partition}, waiting for it to end, and keeps the partition from being cleaned until
     * {@link #resume}. Must not be called from a cleaner thread, nor while holding the log's lock.
     */
    void abortAndPause(TopicPartition partition) {
        lock.lock();
        try {
            paused.add(partition);
            Task task = inProgress.get(partition);
            if (task != null) {
                task.aborted = true;
            }
            while (inProgress.containsKey(partition)) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    void resume(TopicPartition partition) {
        lock.lock();
        try {
            paused.remove(partition);
        } finally {
            lock.unlock();
        }
    }

    /** Forgets everything about a deleted log, including its checkpoint. */
    void forget(Log deleted) {
        TopicPartition partition = deleted.topicPartition();
        abortAndPause(partition);
        lock.lock();
        try {
            paused.remove(partition);
            failures.remove(partition);
            tombstoneHorizons.remove(partition);
            stuck.remove(partition);
            checkpoints.remove(parentDir(deleted), partition);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to the backoff, or until {@link #stop()}. */
    void awaitBackoff() {
        lock.lock();
        try {
            if (!stopping) {
                changed.await(backoff.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Makes every task stop at its next batch and every backoff end now; no new task starts. */
    void stop() {
        lock.lock();
        try {
            stopping = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    boolean isStopping() {
        return stopping;
    }

    static Path parentDir(Log of) {
        Path dir = of.dir().toAbsolutePath();
        Path parent = dir.getParent();
        return parent == null ? dir : parent;
    }
}
