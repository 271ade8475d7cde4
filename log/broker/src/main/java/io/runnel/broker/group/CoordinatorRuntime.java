package io.runnel.broker.group;

import io.runnel.common.Time;
import io.runnel.protocol.errors.Errors;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link GroupCoordinator} on one thread of its own ({@code runnel-group-coordinator}): every request, timer
 * task and partition load is an event on that thread's queue, so the state machine needs no locks, and the I/O
 * threads that hand requests over never wait for it (they get a future). Writes to {@code __consumer_offsets} happen on
 * this thread too; they touch the page cache, not the disk, and never block on the network.
 *
 * <p>Partition ownership is also tracked here, in a map any thread can read, so that a request for a group whose
 * partition is still loading is answered COORDINATOR_LOAD_IN_PROGRESS at once instead of queueing behind the load.
 *
 * <p>Thread-safe. Owns its thread; {@link #close()} stops it, dropping queued events (their connections are closed
 * first by the broker's shutdown order).
 */
public final class CoordinatorRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CoordinatorRuntime.class);

    private enum PartitionState {
        LOADING,
        OWNED
    }

    private final GroupCoordinatorConfig config;
    private final Time time;
    private final ScheduledExecutorService thread;
    private final GroupCoordinator coordinator;
    private final Map<Integer, PartitionState> partitions = new ConcurrentHashMap<>();
    // Touched only on the coordinator thread.
    private final Map<String, ScheduledFuture<?>> timers = new java.util.HashMap<>();

    public CoordinatorRuntime(GroupCoordinatorConfig config, GroupLog groupLog, Time time, int brokerId) {
        this.config = config;
        this.time = time;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "runnel-group-coordinator");
            t.setDaemon(true);
            return t;
        });
        this.coordinator = new GroupCoordinator(config, groupLog, new ThreadTimer(), time, brokerId);
        long interval = config.offsetsRetentionCheckInterval().toMillis();
        thread.scheduleWithFixedDelay(
                () -> guarded("offset expiry", coordinator::expireOffsets), interval, interval, TimeUnit.MILLISECONDS);
    }

    /** The {@code __consumer_offsets} partition of a group. */
    public int partitionFor(String groupId) {
        return GroupStore.partitionFor(groupId, config.offsetsTopicPartitions());
    }

    /**
     * Takes over {@code partition}: loads it from the log, or, for a partition just created, starts with nothing.
     * Does nothing if the partition is already owned or loading.
     */
    public void takeOver(int partition, boolean empty) {
        if (partitions.putIfAbsent(partition, PartitionState.LOADING) != null) {
            return;
        }
        execute(() -> {
            long start = time.milliseconds();
            try {
                if (empty) {
                    coordinator.ownEmpty(partition);
                } else {
                    coordinator.load(partition);
                }
                partitions.put(partition, PartitionState.OWNED);
                if (!empty) {
                    log.debug("Loaded __consumer_offsets-{} in {} ms", partition, time.milliseconds() - start);
                }
            } catch (RuntimeException e) {
                partitions.remove(partition);
                log.error("Could not load __consumer_offsets-{}; its groups are unavailable", partition, e);
            }
        });
    }

    /**
     * Whether requests for {@code groupId} can be served now: null if so, COORDINATOR_LOAD_IN_PROGRESS while its
     * partition loads, NOT_COORDINATOR if this broker does not own it.
     */
    public @Nullable Errors availability(String groupId) {
        PartitionState state = partitions.get(partitionFor(groupId));
        if (state == PartitionState.OWNED) {
            return null;
        }
        return state == PartitionState.LOADING ? Errors.COORDINATOR_LOAD_IN_PROGRESS : Errors.NOT_COORDINATOR;
    }

    /** Whether any partition taken over is still loading. */
    public boolean loading() {
        return partitions.containsValue(PartitionState.LOADING);
    }

    /**
     * Runs {@code call} on the coordinator thread, or answers {@code unavailable} at once when the group's partition is
     * not owned here yet.
     *
     * @param call gets the coordinator and completes the future it is given (now or later, from a callback)
     */
    <T> CompletableFuture<T> submit(
            String groupId,
            Function<Errors, T> unavailable,
            java.util.function.BiConsumer<GroupCoordinator, CompletableFuture<T>> call) {
        Errors error = availability(groupId);
        if (error != null) {
            return CompletableFuture.completedFuture(unavailable.apply(error));
        }
        return submitAny(call);
    }

    /** Runs {@code call} on the coordinator thread, whatever group it concerns. */
    <T> CompletableFuture<T> submitAny(java.util.function.BiConsumer<GroupCoordinator, CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            thread.execute(() -> {
                try {
                    call.accept(coordinator, result);
                } catch (RuntimeException e) {
                    log.error("Group coordinator failed on a request", e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void execute(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("Group coordinator is closed; dropping a task");
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Group coordinator failed in {}", what, e);
        }
    }

    /** The coordinator's timeouts, run on the coordinator thread's scheduler. Used on that thread only. */
    private final class ThreadTimer implements CoordinatorTimer {
        @Override
        public void schedule(String key, long deadlineMs, Runnable task) {
            cancel(key);
            long delay = Math.max(0, deadlineMs - time.milliseconds());
            ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
            self[0] = thread.schedule(
                    () -> {
                        if (timers.get(key) == self[0]) {
                            timers.remove(key);
                            guarded(key, task);
                        }
                    },
                    delay,
                    TimeUnit.MILLISECONDS);
            timers.put(key, self[0]);
        }

        @Override
        public void cancel(String key) {
            ScheduledFuture<?> existing = timers.remove(key);
            if (existing != null) {
                existing.cancel(false);
            }
        }
    }

    /** Stops the coordinator thread. Idempotent. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdownNow();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("Group coordinator thread did not stop within 10 s");
        }
    }
}
