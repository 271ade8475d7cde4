package io.runnel.storage;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.StorageException;
import io.runnel.records.FileRecords;
import io.runnel.storage.checkpoint.OffsetCheckpointFile;
import io.runnel.storage.cleaner.CleanerConfig;
import io.runnel.storage.cleaner.LogCleaner;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of a broker, over one or more log directories.
 *
 * <h2>Life cycle</h2>
 *
 * <ol>
 *   <li>{@link #start} locks every directory ({@code .lock}; or is given {@link LogDirectoryLocks} taken by its
 *       caller), reads its checkpoints ({@code
 *       recovery-point-offset-checkpoint}, {@code log-start-offset-checkpoint}) and its clean-shutdown marker, opens
 *       every {@code <topic>-<partition>} directory in parallel (recovering what needs it), finishes deleting {@code
 *       -delete} directories, removes the marker, and schedules the background work.
 *   <li>Background work on the manager's scheduler threads ({@code runnel-log-scheduler-N}): retention every {@code
 *       log.retention.check.interval.ms}, {@code flush.ms} checks every {@code log.flush.scheduler.interval.ms},
 *       checkpoints every {@code log.flush.offset.checkpoint.interval.ms}, forgetting idle idempotent producers
 *       ({@code producer.id.expiration.ms}) every {@code producer.id.expiration.check.interval.ms}; logs also use the
 *       scheduler to flush rolled segments (then write their producer snapshots) and to delete files late.
 *   <li>{@link #close()} is the clean shutdown: stop background work, flush every log, write checkpoints, close the
 *       logs, write the clean-shutdown marker, release the locks it took (given locks stay held). The next start
 *       then skips recovery.
 * </ol>
 *
 * <p>Thread-safe. The manager owns its scheduler, its recovery pool (only during start), the log cleaner and its
 * threads ({@code runnel-log-cleaner-N}, when {@code log.cleaner.enable}), the directory locks it took and the logs; it closes
 * all of them, the cleaner first.
 */
public final class LogManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogManager.class);

    static final String RECOVERY_POINT_CHECKPOINT = "recovery-point-offset-checkpoint";
    static final String LOG_START_OFFSET_CHECKPOINT = "log-start-offset-checkpoint";
    static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";
    static final String DELETE_DIR_SUFFIX = "-delete";

    private final LogManagerConfig config;
    private final ScheduledThreadPoolExecutor scheduler;
    private final LogEnvironment environment;
    private final LogDirectoryLocks locks;
    /** Whether {@link #locks} were taken by this manager (and are released by it) or given to it. */
    private final boolean ownsLocks;

    private final LogCleaner cleaner;
    private final ConcurrentHashMap<TopicPartition, Log> logs = new ConcurrentHashMap<>();
    private final Object createLock = new Object();

    /**
     * Open logs per directory, so that placing a new log costs O(log.dirs), not O(logs): creating the ten-thousandth
     * topic must cost what the first did.
     */
    @GuardedBy("createLock")
    private final Map<Path, Integer> logsPerDir = new HashMap<>();

    private volatile boolean closed;

    private LogManager(
            LogManagerConfig config,
            Time time,
            FileRecords.ChannelOpener channels,
            LogDirectoryLocks locks,
            boolean ownsLocks) {
        this.config = config;
        this.locks = locks;
        this.ownsLocks = ownsLocks;
        this.scheduler = new ScheduledThreadPoolExecutor(2, threadFactory("runnel-log-scheduler-"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.environment = new LogEnvironment(time, scheduler, channels);
        // One replica per partition for now: every appended record is committed, so compaction may run up to the
        // log end. Replication will bound it by the high watermark instead.
        this.cleaner = new LogCleaner(
                new CleanerConfig(
                        config.cleanerEnabled(),
                        config.cleanerThreads(),
                        config.cleanerDedupeBufferSize(),
                        CleanerConfig.DEFAULT_IO_BUFFER_SIZE,
                        config.cleanerBackoff()),
                this::logs,
                Log::logEndOffset,
                time);
    }

    /**
     * Locks the directories, opens every log in them, and starts the background work.
     *
     * @throws StorageException if a directory is locked by another process or cannot be read; nothing stays locked
     */
    public static LogManager start(LogManagerConfig config, Time time) {
        return start(config, time, FileRecords.ChannelOpener.DEFAULT);
    }

    /** As {@link #start(LogManagerConfig, Time)}, opening segment files with {@code channels}. */
    public static LogManager start(LogManagerConfig config, Time time, FileRecords.ChannelOpener channels) {
        return start(config, time, channels, tp -> config.defaultLogConfig());
    }

    /**
     * As {@link #start(LogManagerConfig, Time)}, opening each existing log with its topic's config from {@code
     * logConfigs} (the defaults merged with the topic's overrides, as the broker keeps them in cluster metadata), so
     * that retention and the cleaner never run on a recovered log with the wrong policy.
     */
    public static LogManager start(
            LogManagerConfig config,
            Time time,
            FileRecords.ChannelOpener channels,
            Function<TopicPartition, LogConfig> logConfigs) {
        return start(config, time, channels, logConfigs, LogDirectoryLocks.acquire(config.logDirs()), true);
    }

    /**
     * As {@link #start(LogManagerConfig, Time, FileRecords.ChannelOpener, Function)}, in directories the caller has
     * locked already ({@code held}, which must be exactly {@code config.logDirs()}). The manager does not release
     * them: the caller does, after {@link #close()}.
     *
     * @throws IllegalArgumentException if {@code held} are not the locks of {@code config.logDirs()}
     */
    public static LogManager start(
            LogManagerConfig config,
            Time time,
            FileRecords.ChannelOpener channels,
            Function<TopicPartition, LogConfig> logConfigs,
            LogDirectoryLocks held) {
        if (!held.dirs().equals(config.logDirs())) {
            throw new IllegalArgumentException(
                    "the locks held are of " + held.dirs() + ", not of log.dirs " + config.logDirs());
        }
        return start(config, time, channels, logConfigs, held, false);
    }

    private static LogManager start(
            LogManagerConfig config,
            Time time,
            FileRecords.ChannelOpener channels,
            Function<TopicPartition, LogConfig> logConfigs,
            LogDirectoryLocks locks,
            boolean ownsLocks) {
        LogManager manager = new LogManager(config, time, channels, locks, ownsLocks);
        try {
            manager.loadLogs(logConfigs);
            manager.scheduleBackgroundWork();
            manager.cleaner.startup();
            return manager;
        } catch (RuntimeException e) {
            manager.abortStart();
            throw e;
        }
    }

    private void loadLogs(Function<TopicPartition, LogConfig> logConfigs) {
        int threads = config.recoveryThreadsPerDir() * config.logDirs().size();
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory("runnel-log-recovery-"));
        try {
            Map<TopicPartition, Future<Log>> opening = new LinkedHashMap<>();
            for (Path dir : config.logDirs()) {
                boolean clean = Files.exists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
                Map<TopicPartition, Long> recoveryPoints =
                        checkpoint(dir, RECOVERY_POINT_CHECKPOINT).read();
                Map<TopicPartition, Long> startOffsets =
                        checkpoint(dir, LOG_START_OFFSET_CHECKPOINT).read();
                List<Path> partitionDirs = partitionDirs(dir);
                if (partitionDirs.isEmpty() && !clean && !Files.exists(dir.resolve(RECOVERY_POINT_CHECKPOINT))) {
                    log.info("Log directory {} is new: no logs to load", dir);
                } else {
                    log.info("Loading logs from {} after {} shutdown", dir, clean ? "a clean" : "an unclean");
                }
                for (Path logDir : partitionDirs) {
                    TopicPartition tp = Log.parseTopicPartition(logDir);
                    RecoveryState state = new RecoveryState(
                            startOffsets.getOrDefault(tp, 0L), recoveryPoints.getOrDefault(tp, 0L), clean);
                    if (opening.containsKey(tp)) {
                        throw new StorageException(
                                "partition " + tp + " has logs in two directories; one is " + logDir);
                    }
                    LogConfig logConfig = logConfigs.apply(tp);
                    opening.put(tp, pool.submit(() -> Log.open(logDir, logConfig, state, environment)));
                }
            }
            for (Map.Entry<TopicPartition, Future<Log>> entry : opening.entrySet()) {
                Log loaded = await(entry.getValue());
                logs.put(entry.getKey(), loaded);
                synchronized (createLock) {
                    logsPerDir.merge(loaded.dir().getParent(), 1, Integer::sum);
                }
            }
            for (Path dir : config.logDirs()) {
                Files.deleteIfExists(dir.resolve(CLEAN_SHUTDOWN_MARKER));
            }
            log.info("Loaded {} logs", logs.size());
        } catch (IOException e) {
            throw new StorageException(OpenFilesLimit.describe("cannot load logs: " + e.getMessage(), e), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static Log await(Future<Log> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while loading logs", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new StorageException("cannot load a log: " + e.getCause(), e);
        }
    }

    private List<Path> partitionDirs(Path dir) throws IOException {
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path child : stream) {
                String name = child.getFileName().toString();
                if (name.endsWith(DELETE_DIR_SUFFIX)) {
                    scheduleDirectoryDeletion(child, 0L);
                } else if (name.lastIndexOf('-') > 0) {
                    dirs.add(child);
                }
            }
        }
        return dirs;
    }

    private void scheduleBackgroundWork() {
        scheduleRepeating(
                this::deleteOldSegments, config.retentionCheckInterval().toMillis());
        if (config.flushCheckInterval().toMillis() < Long.MAX_VALUE / 2) {
            scheduleRepeating(this::flushDirtyLogs, config.flushCheckInterval().toMillis());
        }
        scheduleRepeating(this::checkpoint, config.checkpointInterval().toMillis());
        scheduleRepeating(
                this::removeExpiredProducers,
                config.producerIdExpiration().checkInterval().toMillis());
    }

    private void scheduleRepeating(Runnable task, long intervalMs) {
        scheduler.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        log.error("Background log task failed; it runs again next interval", e);
                    }
                },
                intervalMs,
                intervalMs,
                TimeUnit.MILLISECONDS);
    }

    /** The config new logs get when created without overrides. */
    public LogConfig defaultLogConfig() {
        return config.defaultLogConfig();
    }

    /** The environment logs of this manager run in; for components that open segments (the cleaner). */
    public LogEnvironment environment() {
        return environment;
    }

    public Optional<Log> log(TopicPartition tp) {
        return Optional.ofNullable(logs.get(tp));
    }

    /** A snapshot of the open logs. */
    public Collection<Log> logs() {
        return List.copyOf(logs.values());
    }

    /**
     * The log of {@code tp}, created with {@code logConfig} in the directory holding the fewest logs if it does not
     * exist.
     */
    public Log getOrCreateLog(TopicPartition tp, LogConfig logConfig) {
        checkOpen();
        Log existing = logs.get(tp);
        if (existing != null) {
            return existing;
        }
        synchronized (createLock) {
            checkOpen();
            existing = logs.get(tp);
            if (existing != null) {
                return existing;
            }
            Path dir = leastLoadedDir().resolve(tp.toString());
            boolean existed = Files.exists(dir);
            Log created;
            try {
                created = Log.open(dir, logConfig, RecoveryState.NONE, environment);
            } catch (RuntimeException e) {
                // A half-made directory (no file handle left for its segment, say) would be loaded as a log by the
                // next start, for a topic that does not exist.
                if (!existed) {
                    deleteRecursively(dir);
                }
                throw e;
            }
            logs.put(tp, created);
            logsPerDir.merge(dir.getParent(), 1, Integer::sum);
            log.info("Created log for partition {} in {}", tp, dir);
            return created;
        }
    }

    @GuardedBy("createLock")
    private Path leastLoadedDir() {
        Path least = config.logDirs().get(0);
        for (Path dir : config.logDirs()) {
            if (logsPerDir.getOrDefault(dir, 0) < logsPerDir.getOrDefault(least, 0)) {
                least = dir;
            }
        }
        return least;
    }

    /**
     * Removes the log of {@code tp}: it stops serving at once; its directory is renamed {@code
     * <topic>-<partition>.<id>-delete} and deleted after {@code file.delete.delay.ms}.
     *
     * @return whether a log was removed
     */
    public boolean deleteLog(TopicPartition tp) {
        checkOpen();
        Log removed = logs.remove(tp);
        if (removed == null) {
            return false;
        }
        synchronized (createLock) {
            logsPerDir.merge(removed.dir().getParent(), -1, Integer::sum);
        }
        cleaner.forget(removed);
        removed.close();
        Path target = removed.dir()
                .resolveSibling(tp + "." + UUID.randomUUID().toString().replace("-", "") + DELETE_DIR_SUFFIX);
        try {
            Files.move(removed.dir(), target);
        } catch (IOException e) {
            throw new StorageException("cannot delete log " + removed.dir() + ": " + e.getMessage(), e);
        }
        scheduleDirectoryDeletion(target, removed.config().fileDeleteDelay().toMillis());
        log.info("Deleted log for partition {}", tp);
        return true;
    }

    private void scheduleDirectoryDeletion(Path dir, long delayMs) {
        scheduler.schedule(() -> deleteRecursively(dir), delayMs, TimeUnit.MILLISECONDS);
    }

    private static void deleteRecursively(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log.warn("Failed to delete directory {}; it is retried at the next start", dir, e);
        }
    }

    /**
     * Runs retention on every log. When segments were deleted, the checkpoints are written at once: after a crash,
     * recovery trusts producer snapshots only up to the checkpointed recovery point, and retention has just deleted the
     * older snapshots and the segments below the newest one.
     */
    public void deleteOldSegments() {
        int deleted = 0;
        for (Log each : logs.values()) {
            deleted += each.deleteOldSegments();
        }
        if (deleted > 0) {
            checkpoint();
        }
    }

    /** Makes every log forget the idempotent producers idle for {@code producer.id.expiration.ms}. */
    public void removeExpiredProducers() {
        for (Log each : logs.values()) {
            each.removeExpiredProducers(config.producerIdExpiration().after());
        }
    }

    /** Flushes logs whose data has waited longer than their {@code flush.ms}. */
    public void flushDirtyLogs() {
        for (Log each : logs.values()) {
            if (each.timeSinceLastFlushMs() >= each.config().flushInterval().toMillis()) {
                each.flush();
            }
        }
    }

    /** Writes every directory's recovery-point and log-start-offset checkpoints. */
    public void checkpoint() {
        for (Path dir : config.logDirs()) {
            Map<TopicPartition, Long> recoveryPoints = new HashMap<>();
            Map<TopicPartition, Long> startOffsets = new HashMap<>();
            for (Log each : logs.values()) {
                if (dir.equals(each.dir().getParent())) {
                    recoveryPoints.put(each.topicPartition(), each.recoveryPoint());
                    startOffsets.put(each.topicPartition(), each.logStartOffset());
                }
            }
            checkpoint(dir, RECOVERY_POINT_CHECKPOINT).write(recoveryPoints);
            checkpoint(dir, LOG_START_OFFSET_CHECKPOINT).write(startOffsets);
        }
    }

    private static OffsetCheckpointFile checkpoint(Path dir, String name) {
        return new OffsetCheckpointFile(dir.resolve(name));
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("log manager is closed");
        }
    }

    /**
     * Shuts down cleanly: stops background work, flushes and checkpoints every log, closes them, and marks each
     * directory cleanly shut down so the next start skips recovery. Idempotent.
     */
    @Override
    public void close() {
        synchronized (createLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        cleaner.close();
        stopScheduler();
        @Nullable RuntimeException failure = null;
        try {
            for (Log each : logs.values()) {
                each.flush();
            }
            checkpoint();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Log each : logs.values()) {
            try {
                each.close();
            } catch (RuntimeException e) {
                failure = addFailure(failure, e);
            }
        }
        if (failure == null) {
            for (Path dir : config.logDirs()) {
                try {
                    Files.createFile(dir.resolve(CLEAN_SHUTDOWN_MARKER));
                } catch (IOException e) {
                    failure = addFailure(failure, new StorageException("cannot mark " + dir + " clean", e));
                }
            }
        }
        releaseLocks();
        logs.clear();
        if (failure != null) {
            throw failure;
        }
        log.info("Log manager shut down cleanly");
    }

    private void abortStart() {
        closed = true;
        cleaner.close();
        stopScheduler();
        for (Log each : logs.values()) {
            try {
                each.close();
            } catch (RuntimeException e) {
                log.warn("Failed to close log {} after a failed start", each.topicPartition(), e);
            }
        }
        logs.clear();
        releaseLocks();
    }

    private void stopScheduler() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static RuntimeException addFailure(@Nullable RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private void releaseLocks() {
        if (ownsLocks) {
            locks.close();
        }
    }

    private static ThreadFactory threadFactory(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
