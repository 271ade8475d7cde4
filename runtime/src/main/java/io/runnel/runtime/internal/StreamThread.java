package io.runnel.runtime.internal;

import io.runnel.client.consumer.Consumer;
import io.runnel.client.consumer.ConsumerRebalanceListener;
import io.runnel.client.consumer.ConsumerRecords;
import io.runnel.client.producer.Producer;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.WakeupException;
import io.runnel.state.StateStore;
import io.runnel.streams.processor.TaskId;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream thread: a loop that polls its consumer, hands the records to its tasks, runs them, punctuates and
 * commits. Each {@link #runOnce()}:
 *
 * <ol>
 *   <li>in group mode (the instance's threads), subscribes once to the application's topics: the group then moves
 *       tasks in and out inside {@code poll}, through {@link TaskHandover}. Otherwise (tests stepping one thread)
 *       applies a new assignment, if one was given ({@link #assignTasks}): tasks no longer assigned are committed and
 *       closed, new ones created and restored, the consumer assigned their input partitions and positioned at the
 *       committed offsets (else {@code auto.offset.reset}, {@code earliest});
 *   <li>polls (without waiting while records are buffered, else up to {@code poll.ms}), buffers the records in their
 *       tasks and pauses partitions with {@code buffered.records.per.partition} records buffered;
 *   <li>processes up to {@link #MAX_RECORDS_PER_TASK} records per task, in timestamp order within a task,
 *       punctuating on stream time after each; then fires due wall-clock punctuations and resumes partitions whose
 *       buffers drained;
 *   <li>commits all tasks if {@code commit.interval.ms} passed since the last commit or a processor asked for one.
 * </ol>
 *
 * <p>States: {@code CREATED → STARTING → PARTITIONS_ASSIGNED ⇄ RUNNING → PENDING_SHUTDOWN → DEAD}. A failure in the
 * loop ends it: the tasks are closed dirty (no commit: their input is processed again by whoever takes them over)
 * and the failure goes to the instance's handler, after the thread has released its tasks.
 *
 * <p>Owns its consumer, restore consumer and producer, and its tasks; thread-safe only in {@link #assignTasks},
 * {@link #shutdown}, {@link #state} and {@link #stores}.
 */
public final class StreamThread implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StreamThread.class);
    static final int MAX_RECORDS_PER_TASK = 1000;

    /** The life cycle of a stream thread. */
    public enum State {
        CREATED,
        STARTING,
        PARTITIONS_ASSIGNED,
        RUNNING,
        PENDING_SHUTDOWN,
        DEAD
    }

    /** Hears state changes and the failure that ended the thread (null after a clean shutdown). */
    public interface Listener {
        void onStateChange(StreamThread thread, State newState, State oldState);

        void onDeath(StreamThread thread, @Nullable Throwable failure);
    }

    private final String name;
    private final Time time;
    private final Duration pollTimeout;
    private final long commitIntervalMs;
    private final int bufferLimit;
    private final Consumer<byte[], byte[]> consumer;
    private final Consumer<byte[], byte[]> restoreConsumer;
    private final Producer<byte[], byte[]> producer;
    private final TaskManager taskManager;
    private final Listener listener;
    private final @Nullable Set<String> groupTopics;
    private final AtomicReference<@Nullable Set<TaskId>> pendingAssignment = new AtomicReference<>();
    private final Object idle = new Object();
    private final Set<TopicPartition> paused = new HashSet<>();
    private volatile State state = State.CREATED;
    private volatile boolean shutdownRequested;
    private boolean subscribed;
    private long lastCommitMs;

    StreamThread(
            TaskManager.Context context,
            Consumer<byte[], byte[]> consumer,
            Duration pollTimeout,
            long commitIntervalMs,
            Listener listener) {
        this(context, consumer, pollTimeout, commitIntervalMs, listener, null);
    }

    /**
     * @param groupTopics null: the thread runs the tasks given to {@link #assignTasks}; else the topics its consumer
     *     subscribes to in the application's group, which then decides the thread's tasks through {@link
     *     TaskHandover}
     */
    StreamThread(
            TaskManager.Context context,
            Consumer<byte[], byte[]> consumer,
            Duration pollTimeout,
            long commitIntervalMs,
            Listener listener,
            @Nullable Set<String> groupTopics) {
        this.groupTopics = groupTopics == null ? null : Set.copyOf(groupTopics);
        this.name = context.threadName();
        this.time = context.time();
        this.pollTimeout = pollTimeout;
        this.commitIntervalMs = commitIntervalMs;
        this.bufferLimit = context.config().execution().bufferedRecordsPerPartition();
        this.consumer = consumer;
        this.restoreConsumer = context.restoreConsumer();
        this.producer = context.producer();
        this.taskManager = new TaskManager(context);
        this.listener = listener;
        this.lastCommitMs = time.milliseconds();
    }

    public String name() {
        return name;
    }

    public State state() {
        return state;
    }

    /** Gives the thread the tasks it must run from now on; it applies them at its next loop. Any thread may call. */
    public void assignTasks(Set<TaskId> tasks) {
        pendingAssignment.set(Set.copyOf(tasks));
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    /** Asks the thread to stop: it finishes the current loop, commits and closes its tasks. Any thread may call. */
    public void shutdown() {
        shutdownRequested = true;
        consumer.wakeup();
        restoreConsumer.wakeup();
        synchronized (idle) {
            idle.notifyAll();
        }
    }

    @Override
    public void run() {
        setState(State.STARTING);
        Throwable failure = null;
        try {
            while (!shutdownRequested) {
                runOnce();
            }
        } catch (WakeupException e) {
            if (!shutdownRequested) {
                failure = e;
            }
        } catch (Throwable e) {
            failure = e;
        }
        setState(State.PENDING_SHUTDOWN);
        if (failure != null) {
            log.error("[{}] Failed; closing its tasks without committing", name, failure);
        }
        try {
            shutdownTasks(failure == null);
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        closeClients();
        setState(State.DEAD);
        listener.onDeath(this, failure);
    }

    /** One turn of the loop; see the class comment. */
    void runOnce() {
        if (groupTopics != null) {
            if (!subscribed) {
                consumer.subscribe(groupTopics, new TaskHandover());
                subscribed = true;
            }
        } else {
            Set<TaskId> assignment = pendingAssignment.getAndSet(null);
            if (assignment != null) {
                applyAssignment(assignment);
            }
            if (consumer.assignment().isEmpty()) {
                waitForAssignment();
                return;
            }
        }
        Duration poll = taskManager.hasBufferedRecords() ? Duration.ZERO : pollTimeout;
        ConsumerRecords<byte[], byte[]> records = consumer.poll(poll);
        if (!records.isEmpty()) {
            taskManager.addRecords(records);
            pauseFullPartitions();
        }
        taskManager.process(MAX_RECORDS_PER_TASK);
        taskManager.punctuateWallClock();
        resumeDrainedPartitions();
        long now = time.milliseconds();
        if (now - lastCommitMs >= commitIntervalMs || taskManager.commitRequested()) {
            taskManager.commitAll();
            lastCommitMs = now;
        }
    }

    private void applyAssignment(Set<TaskId> assignment) {
        setState(State.PARTITIONS_ASSIGNED);
        Map<TopicPartition, @Nullable Long> positions = taskManager.handleAssignment(assignment);
        if (groupTopics == null) {
            consumer.assign(positions.keySet());
        }
        paused.retainAll(positions.keySet());
        positions.forEach((tp, offset) -> {
            if (offset != null) {
                consumer.seek(tp, offset);
            }
        });
        log.info("[{}] Running tasks {} on partitions {}", name, taskManager.taskIds(), positions.keySet());
        setState(State.RUNNING);
    }

    /**
     * Hands tasks over when the group moves partitions, on this thread inside {@code poll}: tasks whose partitions are
     * revoked are committed and closed cleanly (stores flushed, checkpoints written), those whose partitions are lost
     * closed dirty; on assignment the new tasks are created and restored from their changelogs, and the consumer is
     * positioned at the committed offsets.
     */
    private final class TaskHandover implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            paused.removeAll(partitions);
            taskManager.closeTasks(taskManager.tasksOf(partitions), true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            paused.removeAll(partitions);
            taskManager.closeTasks(taskManager.tasksOf(partitions), false);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            applyAssignment(taskManager.tasksOf(consumer.assignment()));
        }
    }

    private void waitForAssignment() {
        synchronized (idle) {
            if (pendingAssignment.get() == null && !shutdownRequested) {
                try {
                    idle.wait(Math.max(1, pollTimeout.toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    shutdownRequested = true;
                }
            }
        }
    }

    private void pauseFullPartitions() {
        Set<TopicPartition> full = taskManager.fullPartitions(bufferLimit);
        full.removeAll(paused);
        if (!full.isEmpty()) {
            consumer.pause(full);
            paused.addAll(full);
        }
    }

    private void resumeDrainedPartitions() {
        if (paused.isEmpty()) {
            return;
        }
        Set<TopicPartition> stillFull = taskManager.fullPartitions(bufferLimit);
        Set<TopicPartition> drained = new HashSet<>(paused);
        drained.removeAll(stillFull);
        if (!drained.isEmpty()) {
            consumer.resume(drained);
            paused.removeAll(drained);
        }
    }

    private void shutdownTasks(boolean clean) {
        taskManager.closeAll(clean);
    }

    private void closeClients() {
        for (AutoCloseable client : List.<AutoCloseable>of(consumer, restoreConsumer, producer)) {
            try {
                client.close();
            } catch (Exception e) {
                log.warn("[{}] Failed to close a client", name, e);
            }
        }
    }

    private void setState(State next) {
        State old = state;
        state = next;
        if (old != next) {
            listener.onStateChange(this, next, old);
        }
    }

    /** The local instances of a store in this thread's tasks, for interactive queries. Any thread may call. */
    public List<StateStore> stores(String storeName, @Nullable Integer partition) {
        return taskManager.stores(storeName, partition);
    }
}
