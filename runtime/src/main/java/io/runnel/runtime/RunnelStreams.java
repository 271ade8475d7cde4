package io.runnel.runtime;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.runtime.internal.StateDirectory;
import io.runnel.runtime.internal.StreamThread;
import io.runnel.runtime.internal.StreamsRuntime;
import io.runnel.runtime.internal.TopologyMetadata;
import io.runnel.state.InvalidStateStoreException;
import io.runnel.state.QueryableStoreType;
import io.runnel.state.StateStore;
import io.runnel.streams.StoreQueryParameters;
import io.runnel.streams.StreamsConfig;
import io.runnel.streams.Topology;
import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.errors.StreamsNotStartedException;
import io.runnel.streams.errors.StreamsUncaughtExceptionHandler;
import io.runnel.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.runnel.streams.errors.UnknownStateStoreException;
import io.runnel.streams.processor.StateRestoreListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} on the log, as Kafka's {@code KafkaStreams}: {@code num.stream.threads} stream threads
 * share the topology's tasks (one per input partition of each sub-topology); each task keeps its state stores under
 * {@code <state.dir>/<application.id>/<task>/}, restores them from their changelog topics before processing, and
 * commits its input offsets (group {@code application.id}) every {@code commit.interval.ms} after its stores and
 * output are flushed: at-least-once processing.
 *
 * <p>With {@code bootstrap.servers} it runs against that cluster; without, it starts a single-node broker in this
 * process with its data under {@code <state.dir>/<application.id>/broker/} ({@link #embeddedBootstrapServers()} tells
 * other clients where it listens).
 *
 * <p>This instance runs every task of the application; instances sharing an application through a consumer group
 * (and standby replicas) are not there yet, so run one instance per {@code application.id}.
 *
 * <pre>
 * CREATED ──start()──▶ REBALANCING ◀──▶ RUNNING
 *    │                     │               │
 *    │ close()             ├── a thread dies, handler says SHUTDOWN_* ──▶ PENDING_ERROR ──▶ ERROR
 *    ▼                     ▼ close()       ▼ close()
 *  PENDING_SHUTDOWN ─────────────────────────────▶ NOT_RUNNING
 * </pre>
 *
 * <p>Owns the state directory lock, the embedded broker, the threads and their clients; {@link #close()} releases
 * them. Thread-safe.
 */
public final class RunnelStreams implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunnelStreams.class);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofMillis(Long.MAX_VALUE);

    /** The client's life cycle, as Kafka's {@code KafkaStreams.State}. */
    public enum State {
        CREATED,
        REBALANCING,
        RUNNING,
        PENDING_SHUTDOWN,
        NOT_RUNNING,
        PENDING_ERROR,
        ERROR;

        /** Whether the client is started and not stopping: REBALANCING or RUNNING. */
        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }

        boolean canGoTo(State next) {
            return switch (this) {
                case CREATED -> next == REBALANCING || next == PENDING_SHUTDOWN || next == PENDING_ERROR;
                case REBALANCING -> next == RUNNING || next == PENDING_SHUTDOWN || next == PENDING_ERROR;
                case RUNNING -> next == REBALANCING || next == PENDING_SHUTDOWN || next == PENDING_ERROR;
                case PENDING_SHUTDOWN -> next == NOT_RUNNING;
                case PENDING_ERROR -> next == ERROR;
                case NOT_RUNNING, ERROR -> false;
            };
        }
    }

    /** Hears state changes, as Kafka's {@code KafkaStreams.StateListener}; called on the thread that changed it. */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final StreamsConfig config;
    private final TopologyMetadata topology;
    private final Time time;
    private final Path stateDir;
    private final StateDirectory stateDirectory;
    private final Object lock = new Object();
    private State state = State.CREATED;
    private @Nullable StateListener stateListener;
    private StreamsUncaughtExceptionHandler exceptionHandler = e -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    private volatile StateRestoreListener restoreListener = NoRestoreListener.INSTANCE;
    private @Nullable EmbeddedBroker broker;
    private @Nullable StreamsRuntime runtime;
    private @Nullable Thread errorCloser;

    /**
     * @throws io.runnel.common.errors.InvalidConfigurationException if a property is invalid
     * @throws StreamsException if another instance uses the state directory
     */
    public RunnelStreams(Topology topology, Properties properties) {
        this(topology, new StreamsConfig(properties));
    }

    /** @throws StreamsException if another instance uses the state directory */
    public RunnelStreams(Topology topology, StreamsConfig config) {
        this(topology, config, Time.SYSTEM);
    }

    RunnelStreams(Topology topology, StreamsConfig config, Time time) {
        this.config = Objects.requireNonNull(config, "config cannot be null");
        this.time = time;
        this.topology = new TopologyMetadata(
                Objects.requireNonNull(topology, "topology cannot be null").internalTopologyBuilder(), config);
        Path dir = config.stateDir();
        this.stateDir = dir != null ? dir : Path.of(System.getProperty("java.io.tmpdir"), "runnel-streams");
        this.stateDirectory = new StateDirectory(stateDir, config.applicationId());
    }

    /** The current state. */
    public State state() {
        synchronized (lock) {
            return state;
        }
    }

    /**
     * Sets the listener of state changes.
     *
     * @throws IllegalStateException unless the client is CREATED
     */
    public void setStateListener(StateListener listener) {
        synchronized (lock) {
            checkCreated("set a state listener");
            this.stateListener = Objects.requireNonNull(listener, "listener cannot be null");
        }
    }

    /**
     * Sets what happens when a stream thread dies of an exception (default: {@code SHUTDOWN_CLIENT}).
     *
     * @throws IllegalStateException unless the client is CREATED
     */
    public void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        synchronized (lock) {
            checkCreated("set an uncaught exception handler");
            this.exceptionHandler = Objects.requireNonNull(handler, "handler cannot be null");
        }
    }

    /**
     * Sets the listener of every store restoration of this client.
     *
     * @throws IllegalStateException unless the client is CREATED
     */
    public void setGlobalStateRestoreListener(StateRestoreListener listener) {
        synchronized (lock) {
            checkCreated("set a restore listener");
            this.restoreListener = Objects.requireNonNull(listener, "listener cannot be null");
        }
    }

    private void checkCreated(String what) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Can only " + what + " in state CREATED, not " + state);
        }
    }

    /**
     * Starts the client: the embedded broker if there is no {@code bootstrap.servers}, then the internal topics
     * (checked or created), then the stream threads, which restore their stores and start processing.
     *
     * @throws IllegalStateException unless the client is CREATED
     * @throws io.runnel.streams.errors.MissingSourceTopicException if a topic the topology reads does not exist (the
     *     client is then in ERROR)
     * @throws StreamsException if the topics are not fit for the topology or the cluster cannot be reached (the
     *     client is then in ERROR)
     */
    public void start() {
        synchronized (lock) {
            checkCreated("start");
            setState(State.REBALANCING);
        }
        try {
            String bootstrap = config.execution().bootstrapServers();
            if (bootstrap == null) {
                EmbeddedBroker embedded =
                        EmbeddedBroker.start(stateDirectory.applicationDir().resolve("broker"), Map.of());
                synchronized (lock) {
                    broker = embedded;
                }
                bootstrap = embedded.bootstrapServers();
            }
            StreamsRuntime started = new StreamsRuntime(new StreamsRuntime.Setup(
                    topology,
                    config,
                    bootstrap,
                    stateDirectory,
                    new RestoreListenerProxy(),
                    new ThreadListener(),
                    time));
            synchronized (lock) {
                runtime = started;
            }
            started.start();
        } catch (RuntimeException e) {
            log.error("[{}] Failed to start", config.applicationId(), e);
            synchronized (lock) {
                setState(State.PENDING_ERROR);
            }
            shutdownAndRelease(DEFAULT_CLOSE_TIMEOUT);
            synchronized (lock) {
                setState(State.ERROR);
            }
            throw e;
        }
    }

    /** {@code host:port} of the embedded broker, if this client started one. */
    public java.util.Optional<String> embeddedBootstrapServers() {
        synchronized (lock) {
            return java.util.Optional.ofNullable(broker).map(EmbeddedBroker::bootstrapServers);
        }
    }

    /** Closes the client, waiting as long as it takes; see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /**
     * Stops the stream threads (each commits and closes its tasks, writing their checkpoints), then the embedded
     * broker, and releases the state directory. Idempotent; from ERROR it only waits for the shutdown in progress.
     *
     * @return whether everything stopped within {@code timeout}
     */
    public boolean close(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout cannot be null");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0: " + timeout);
        }
        Thread closer;
        synchronized (lock) {
            if (state == State.PENDING_ERROR || state == State.ERROR) {
                closer = errorCloser;
            } else if (state == State.PENDING_SHUTDOWN || state == State.NOT_RUNNING) {
                closer = null;
            } else {
                setState(State.PENDING_SHUTDOWN);
                closer = null;
            }
        }
        if (closer != null) {
            return join(closer, timeout);
        }
        boolean stopped = shutdownAndRelease(timeout);
        synchronized (lock) {
            if (state == State.PENDING_SHUTDOWN) {
                setState(State.NOT_RUNNING);
            }
        }
        return stopped;
    }

    private static boolean join(Thread t, Duration timeout) {
        if (t == Thread.currentThread()) {
            return false;
        }
        try {
            t.join(Math.max(1, Math.min(timeout.toMillis(), Long.MAX_VALUE / 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !t.isAlive();
    }

    private boolean shutdownAndRelease(Duration timeout) {
        StreamsRuntime rt;
        EmbeddedBroker embedded;
        synchronized (lock) {
            rt = runtime;
            embedded = broker;
        }
        boolean ended = true;
        if (rt != null) {
            rt.shutdownThreads();
            ended = rt.awaitThreads(timeout);
            if (!ended) {
                log.warn("[{}] Stream threads did not stop within {}", config.applicationId(), timeout);
            }
            rt.close(ended);
        }
        if (embedded != null && ended) {
            embedded.close();
        }
        if (ended) {
            stateDirectory.close();
        }
        log.info("[{}] Closed{}", config.applicationId(), ended ? "" : " (threads still running)");
        return ended;
    }

    /**
     * Deletes this application's local state (every task directory), so that the next start restores every store
     * from its changelog. The embedded broker's data is kept.
     *
     * @throws IllegalStateException if the client is started and not yet closed
     */
    public void cleanUp() {
        synchronized (lock) {
            if (state.isRunningOrRebalancing() || state == State.PENDING_SHUTDOWN || state == State.PENDING_ERROR) {
                throw new IllegalStateException("Cannot clean up while the client is in state " + state
                        + "; call it before start() or after close()");
            }
        }
        if (state() == State.CREATED) {
            stateDirectory.cleanUp();
        } else {
            try (StateDirectory relocked = new StateDirectory(stateDir, config.applicationId())) {
                relocked.cleanUp();
            }
        }
    }

    /**
     * A read-only view of a store of this instance's tasks, for interactive queries.
     *
     * @throws StreamsNotStartedException if the client is not started yet
     * @throws InvalidStateStoreException if the client is not RUNNING (REBALANCING is accepted with {@link
     *     StoreQueryParameters#enableStaleStores()}), or the store is not of the type asked for or has no local
     *     instance (of the partition asked for)
     * @throws UnknownStateStoreException if the topology has no such store
     */
    public <T> T store(StoreQueryParameters<T> parameters) {
        String name = parameters.storeName();
        StreamsRuntime rt;
        synchronized (lock) {
            if (state == State.CREATED) {
                throw new StreamsNotStartedException(
                        "Cannot query store " + name + ": the client is not started yet (state CREATED)");
            }
            boolean queryable =
                    state == State.RUNNING || (state == State.REBALANCING && parameters.staleStoresEnabled());
            if (!queryable) {
                throw new InvalidStateStoreException("Cannot query store " + name + " while the client is in state "
                        + state + (state == State.REBALANCING ? " (enableStaleStores() to allow it)" : ""));
            }
            rt = Objects.requireNonNull(runtime);
        }
        if (!topology.builder().stores().containsKey(name)) {
            throw new UnknownStateStoreException("The topology has no store " + name + "; it has "
                    + topology.builder().stores().keySet());
        }
        List<StateStore> instances = rt.stores(name, parameters.partition());
        if (instances.isEmpty()) {
            throw new InvalidStateStoreException("Store " + name + " has no local instance"
                    + (parameters.partition() == null ? "" : " for partition " + parameters.partition())
                    + " right now (its tasks are being created or moved)");
        }
        QueryableStoreType<T> type = parameters.queryableStoreType();
        for (StateStore instance : instances) {
            if (!type.accepts(instance)) {
                throw new InvalidStateStoreException("Store " + name + " is a "
                        + instance.getClass().getSimpleName() + ", which the store type asked for does not accept");
            }
        }
        return type.create(instances);
    }

    private void setState(State next) {
        State old = state;
        if (old == next) {
            return;
        }
        if (!old.canGoTo(next)) {
            throw new IllegalStateException("Cannot go from state " + old + " to " + next);
        }
        state = next;
        log.info("[{}] State transition from {} to {}", config.applicationId(), old, next);
        StateListener listener = stateListener;
        if (listener != null) {
            listener.onChange(next, old);
        }
    }

    private void onThreadStateChange() {
        StreamsRuntime rt = runtime;
        if (rt == null || !state.isRunningOrRebalancing()) {
            return;
        }
        boolean allRunning = true;
        for (StreamThread t : rt.threads()) {
            StreamThread.State s = t.state();
            if (s != StreamThread.State.RUNNING && s != StreamThread.State.DEAD) {
                allRunning = false;
            }
        }
        setState(allRunning ? State.RUNNING : State.REBALANCING);
    }

    private void onThreadDeath(StreamThread thread, Throwable failure) {
        StreamThreadExceptionResponse response;
        try {
            response = exceptionHandler.handle(failure);
        } catch (RuntimeException e) {
            log.error(
                    "[{}] The uncaught exception handler failed; shutting the client down", config.applicationId(), e);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        if (response == null) {
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        synchronized (lock) {
            if (!state.isRunningOrRebalancing()) {
                return;
            }
            StreamsRuntime rt = Objects.requireNonNull(runtime);
            if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
                log.error(
                        "[{}] Stream thread {} died; replacing it, as the exception handler says",
                        config.applicationId(),
                        thread.name(),
                        failure);
                rt.replaceThread(thread);
                onThreadStateChange();
                return;
            }
            log.error(
                    "[{}] Stream thread {} died; the exception handler says {}: shutting the client down",
                    config.applicationId(),
                    thread.name(),
                    response,
                    failure);
            setState(State.PENDING_ERROR);
            Thread closer = new Thread(
                    () -> {
                        shutdownAndRelease(DEFAULT_CLOSE_TIMEOUT);
                        synchronized (lock) {
                            setState(State.ERROR);
                        }
                    },
                    config.applicationId() + "-close-thread");
            errorCloser = closer;
            closer.start();
        }
    }

    private final class ThreadListener implements StreamThread.Listener {
        @Override
        public void onStateChange(StreamThread thread, StreamThread.State newState, StreamThread.State oldState) {
            synchronized (lock) {
                onThreadStateChange();
            }
        }

        @Override
        public void onDeath(StreamThread thread, @Nullable Throwable failure) {
            if (failure != null) {
                onThreadDeath(thread, failure);
            }
        }
    }

    private final class RestoreListenerProxy implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset, long endingOffset) {
            restoreListener.onRestoreStart(partition, storeName, startingOffset, endingOffset);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {
            restoreListener.onBatchRestored(partition, storeName, batchEndOffset, numRestored);
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            restoreListener.onRestoreEnd(partition, storeName, totalRestored);
        }
    }

    private enum NoRestoreListener implements StateRestoreListener {
        INSTANCE;

        @Override
        public void onRestoreStart(
                TopicPartition partition, String storeName, long startingOffset, long endingOffset) {}

        @Override
        public void onBatchRestored(
                TopicPartition partition, String storeName, long batchEndOffset, long numRestored) {}

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {}
    }
}
