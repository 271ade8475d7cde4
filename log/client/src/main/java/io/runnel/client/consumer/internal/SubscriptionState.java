package io.runnel.client.consumer.internal;

import io.runnel.client.consumer.ConsumerConfig.OffsetReset;
import io.runnel.client.consumer.NoOffsetForPartitionException;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.InterruptException;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.RunnelException;
import io.runnel.common.errors.TimeoutException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The assigned partitions and, for each, its position (the next offset to return), whether it is paused, and whether
 * its position must be looked up (reset) first. Shared by the application thread (assign, seek, poll) and the I/O
 * thread (resets, fetch targets).
 *
 * <p>Every change of a position by the application (seek, reset request, re-assignment) bumps the partition's
 * <em>epoch</em>; fetch results and reset answers carry the epoch they were made for and are dropped when it no longer
 * matches, so a stale fetch never moves a position the application has just set.
 *
 * <p>Thread-safe: every method holds this object's monitor, on which {@link #awaitPosition} waits.
 */
public final class SubscriptionState {
    private static final class PartitionState {
        long position = -1;

        @Nullable
        OffsetReset reset;

        boolean paused;
        int epoch;
        boolean resetInFlight;
        long nextResetMs;
        boolean needsCommitted;
        boolean committedInFlight;
        long nextCommittedMs;
    }

    /**
     * A partition whose position starts at the group's committed offset, to be looked up.
     *
     * @param partition the partition
     * @param epoch the partition's epoch when the lookup was taken
     */
    public record CommittedTarget(TopicPartition partition, int epoch) {}

    /**
     * A partition to fetch from.
     *
     * @param partition the partition
     * @param position the offset to fetch from
     * @param epoch the partition's epoch when the target was taken
     */
    public record FetchTarget(TopicPartition partition, long position, int epoch) {}

    /**
     * A position to look up.
     *
     * @param partition the partition
     * @param timestamp -2 for the log start offset, -1 for the log end offset
     * @param epoch the partition's epoch when the reset was taken
     */
    public record ResetTarget(TopicPartition partition, long timestamp, int epoch) {}

    private final OffsetReset defaultReset;
    private final boolean positionsFromCommitted;
    private final Map<TopicPartition, PartitionState> assignment = new LinkedHashMap<>();
    private @Nullable RunnelException pendingError;

    public SubscriptionState(OffsetReset defaultReset) {
        this(defaultReset, false);
    }

    /**
     * @param positionsFromCommitted whether a new partition's position is first looked up among the group's committed
     *     offsets (the consumer has a {@code group.id}), falling back to {@code defaultReset} when there is none
     */
    public SubscriptionState(OffsetReset defaultReset, boolean positionsFromCommitted) {
        this.defaultReset = defaultReset;
        this.positionsFromCommitted = positionsFromCommitted;
    }

    /** Replaces the assignment; kept partitions keep their state, new ones need a position. */
    public synchronized void assign(Collection<TopicPartition> partitions) {
        Set<TopicPartition> wanted = new LinkedHashSet<>(partitions);
        assignment.keySet().retainAll(wanted);
        for (TopicPartition tp : wanted) {
            assignment.computeIfAbsent(tp, p -> {
                PartitionState state = new PartitionState();
                if (positionsFromCommitted) {
                    state.needsCommitted = true;
                } else {
                    state.reset = defaultReset;
                }
                return state;
            });
        }
        pendingError = null;
        notifyAll();
    }

    public synchronized Set<TopicPartition> assignment() {
        return Set.copyOf(assignment.keySet());
    }

    public synchronized Set<String> assignedTopics() {
        Set<String> topics = new HashSet<>();
        assignment.keySet().forEach(tp -> topics.add(tp.topic()));
        return topics;
    }

    public synchronized boolean isAssigned(TopicPartition tp) {
        return assignment.containsKey(tp);
    }

    /**
     * Sets the position.
     *
     * @throws IllegalStateException if the partition is not assigned
     */
    public synchronized void seek(TopicPartition tp, long offset) {
        PartitionState state = assigned(tp);
        state.position = offset;
        state.reset = null;
        state.resetInFlight = false;
        state.needsCommitted = false;
        state.epoch++;
        notifyAll();
    }

    /** Makes the positions be looked up again with {@code strategy} (EARLIEST or LATEST). */
    public synchronized void requestReset(Collection<TopicPartition> partitions, OffsetReset strategy) {
        for (TopicPartition tp : partitions) {
            PartitionState state = assigned(tp);
            state.position = -1;
            state.reset = strategy;
            state.resetInFlight = false;
            state.nextResetMs = 0;
            state.needsCommitted = false;
            state.epoch++;
        }
        notifyAll();
    }

    public synchronized void pause(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> assigned(tp).paused = true);
    }

    public synchronized void resume(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> assigned(tp).paused = false);
        notifyAll();
    }

    public synchronized Set<TopicPartition> paused() {
        Set<TopicPartition> paused = new HashSet<>();
        assignment.forEach((tp, state) -> {
            if (state.paused) {
                paused.add(tp);
            }
        });
        return paused;
    }

    /** The position, or -1 if it is not known yet. */
    public synchronized long position(TopicPartition tp) {
        return assigned(tp).position;
    }

    private PartitionState assigned(TopicPartition tp) {
        PartitionState state = assignment.get(tp);
        if (state == null) {
            throw new IllegalStateException("No current assignment for partition " + tp);
        }
        return state;
    }

    /**
     * Throws the error the I/O thread left for the application, or {@link NoOffsetForPartitionException} for
     * partitions without a position and without a reset policy.
     */
    public synchronized void throwPendingError() {
        RunnelException error = pendingError;
        if (error != null) {
            pendingError = null;
            throw error;
        }
        Set<TopicPartition> undefined = new LinkedHashSet<>();
        assignment.forEach((tp, state) -> {
            if (state.position < 0 && state.reset == OffsetReset.NONE && !state.needsCommitted) {
                undefined.add(tp);
            }
        });
        if (!undefined.isEmpty()) {
            throw new NoOffsetForPartitionException(undefined);
        }
    }

    /** Partitions whose position should be looked up now; marks them in flight. I/O thread. */
    public synchronized List<ResetTarget> takeResets(long nowMs) {
        List<ResetTarget> targets = new ArrayList<>();
        assignment.forEach((tp, state) -> {
            if (state.position < 0
                    && (state.reset == OffsetReset.EARLIEST || state.reset == OffsetReset.LATEST)
                    && !state.resetInFlight
                    && nowMs >= state.nextResetMs) {
                state.resetInFlight = true;
                targets.add(new ResetTarget(tp, state.reset == OffsetReset.EARLIEST ? -2L : -1L, state.epoch));
            }
        });
        return targets;
    }

    /** A looked-up position arrived; ignored if the partition changed meanwhile. I/O thread. */
    public synchronized void resetDone(ResetTarget target, long offset) {
        PartitionState state = assignment.get(target.partition());
        if (state != null && state.epoch == target.epoch()) {
            state.position = offset;
            state.reset = null;
            state.resetInFlight = false;
            notifyAll();
        }
    }

    /** A lookup failed; it is retried after {@code retryAtMs}. I/O thread. */
    public synchronized void resetFailed(ResetTarget target, long retryAtMs) {
        PartitionState state = assignment.get(target.partition());
        if (state != null && state.epoch == target.epoch()) {
            state.resetInFlight = false;
            state.nextResetMs = retryAtMs;
        }
    }

    /** Whether some partition waits for its committed offset. */
    public synchronized boolean needsCommitted() {
        for (PartitionState state : assignment.values()) {
            if (state.needsCommitted) {
                return true;
            }
        }
        return false;
    }

    /** Partitions whose committed offset should be looked up now; marks them in flight. I/O thread. */
    public synchronized List<CommittedTarget> takeCommittedLookups(long nowMs) {
        List<CommittedTarget> targets = new ArrayList<>();
        assignment.forEach((tp, state) -> {
            if (state.needsCommitted && !state.committedInFlight && nowMs >= state.nextCommittedMs) {
                state.committedInFlight = true;
                targets.add(new CommittedTarget(tp, state.epoch));
            }
        });
        return targets;
    }

    /**
     * The committed offset arrived: it becomes the position, or, if there is none ({@code offset < 0}), the position
     * is reset by {@code auto.offset.reset}. Ignored if the partition changed meanwhile. I/O thread.
     */
    public synchronized void committedDone(CommittedTarget target, long offset) {
        PartitionState state = assignment.get(target.partition());
        if (state == null || state.epoch != target.epoch() || !state.needsCommitted) {
            return;
        }
        state.needsCommitted = false;
        state.committedInFlight = false;
        if (offset >= 0) {
            state.position = offset;
            state.reset = null;
        } else {
            state.reset = defaultReset;
        }
        notifyAll();
    }

    /** The committed offset could not be looked up; retried after {@code retryAtMs}. I/O thread. */
    public synchronized void committedFailed(CommittedTarget target, long retryAtMs) {
        PartitionState state = assignment.get(target.partition());
        if (state != null && state.epoch == target.epoch()) {
            state.committedInFlight = false;
            state.nextCommittedMs = retryAtMs;
        }
    }

    /** The position of every assigned partition that has one: what a commit of all consumed records commits. */
    public synchronized Map<TopicPartition, Long> allConsumed() {
        Map<TopicPartition, Long> consumed = new LinkedHashMap<>();
        assignment.forEach((tp, state) -> {
            if (state.position >= 0) {
                consumed.put(tp, state.position);
            }
        });
        return consumed;
    }

    /** Assigned, unpaused partitions with a known position. I/O thread. */
    public synchronized List<FetchTarget> fetchTargets() {
        List<FetchTarget> targets = new ArrayList<>();
        assignment.forEach((tp, state) -> {
            if (!state.paused && state.position >= 0) {
                targets.add(new FetchTarget(tp, state.position, state.epoch));
            }
        });
        return targets;
    }

    /** Whether records fetched for {@code target} may still be returned: same epoch and position, not paused. */
    public synchronized boolean isCurrent(TopicPartition tp, int epoch, long position) {
        PartitionState state = assignment.get(tp);
        return state != null && !state.paused && state.epoch == epoch && state.position == position;
    }

    /** Moves the position forward after records were returned (or skipped). Application thread. */
    public synchronized void advance(TopicPartition tp, int epoch, long position) {
        PartitionState state = assignment.get(tp);
        if (state != null && state.epoch == epoch && position > state.position) {
            state.position = position;
        }
    }

    /** The broker refused a fetch offset as out of range: reset by the policy, or fail the next poll. I/O thread. */
    public synchronized void outOfRange(TopicPartition tp, int epoch, long fetchOffset) {
        PartitionState state = assignment.get(tp);
        if (state == null || state.epoch != epoch || state.position != fetchOffset) {
            return;
        }
        if (defaultReset == OffsetReset.NONE) {
            pendingError = new OffsetOutOfRangeException(
                    "Fetch position " + fetchOffset + " is out of range for partition " + tp);
        } else {
            state.position = -1;
            state.reset = defaultReset;
            state.epoch++;
        }
        notifyAll();
    }

    /** Leaves an error for the application's next call. I/O thread. */
    public synchronized void setPendingError(RunnelException error) {
        pendingError = error;
        notifyAll();
    }

    /**
     * Waits until the partition has a position.
     *
     * @param checkWakeup throws {@code WakeupException} if the consumer was woken up
     * @throws TimeoutException at {@code deadlineMs}
     */
    public synchronized long awaitPosition(
            TopicPartition tp, long deadlineMs, io.runnel.common.Time time, Runnable checkWakeup) {
        while (true) {
            checkWakeup.run();
            throwPendingError();
            long position = assigned(tp).position;
            if (position >= 0) {
                return position;
            }
            long remaining = deadlineMs - time.milliseconds();
            if (remaining <= 0) {
                throw new TimeoutException("the position of " + tp + " could not be determined in time");
            }
            try {
                wait(remaining);
            } catch (InterruptedException e) {
                throw new InterruptException(e);
            }
        }
    }

    /** Wakes threads in {@link #awaitPosition} so that they check for a wakeup. Any thread. */
    public synchronized void notifyWaiters() {
        notifyAll();
    }
}
