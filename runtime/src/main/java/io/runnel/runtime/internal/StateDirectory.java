package io.runnel.runtime.internal;

import io.runnel.streams.errors.StreamsException;
import io.runnel.streams.processor.TaskId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local state of one application instance: {@code <state.dir>/<application.id>/}, holding one directory per task
 * ({@code 0_1/}, with the task's RocksDB files and {@code .checkpoint}) and, with an embedded broker, {@code broker/}.
 *
 * <p>The instance holds an exclusive file lock on {@code <state.dir>/<application.id>/.lock} from construction to
 * {@link #close()}, so a second instance (in this process or another) pointed at the same directory fails at once
 * with a clear error instead of corrupting the stores. Within the instance, each task directory is owned by one stream
 * thread at a time ({@link #lockTask}).
 *
 * <p>Thread-safe.
 */
public final class StateDirectory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateDirectory.class);
    private static final String LOCK_FILE = ".lock";

    private final Path appDir;
    private final String applicationId;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<TaskId, String> taskOwners = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Creates {@code <stateDir>/<applicationId>} if needed and locks it.
     *
     * @throws StreamsException if another instance holds the directory, or it cannot be created
     */
    public StateDirectory(Path stateDir, String applicationId) {
        this.applicationId = applicationId;
        this.appDir = stateDir.resolve(applicationId).toAbsolutePath();
        FileChannel channel = null;
        try {
            Files.createDirectories(appDir);
            channel = FileChannel.open(appDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock acquired;
            try {
                acquired = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                acquired = null;
            }
            if (acquired == null) {
                throw new StreamsException("The state directory " + appDir + " is in use by another RunnelStreams"
                        + " instance of application " + applicationId + " (it holds " + LOCK_FILE + "); give each"
                        + " instance its own state.dir, or close the other one first");
            }
            this.lockChannel = channel;
            this.lock = acquired;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StreamsException("Cannot create or lock the state directory " + appDir + ": " + e, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(@Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.debug("Cannot close a lock file", e);
            }
        }
    }

    /** {@code <state.dir>/<application.id>}. */
    public Path applicationDir() {
        return appDir;
    }

    /** The directory of a task, created if needed. */
    public Path taskDir(TaskId task) {
        Path dir = appDir.resolve(task.toString());
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StreamsException("Cannot create the state directory of task " + task + ": " + dir, e);
        }
        return dir;
    }

    /**
     * Makes {@code owner} (a stream thread's name) the only user of the task's directory until {@link #unlockTask}.
     *
     * @throws StreamsException if another thread of this instance owns it
     */
    public void lockTask(TaskId task, String owner) {
        String previous = taskOwners.putIfAbsent(task, owner);
        if (previous != null && !previous.equals(owner)) {
            throw new StreamsException("The state directory of task " + task + " is in use by stream thread " + previous
                    + "; " + owner + " cannot take it");
        }
    }

    /** Releases the task's directory if {@code owner} holds it. */
    public void unlockTask(TaskId task, String owner) {
        taskOwners.remove(task, owner);
    }

    /**
     * Deletes every task directory (local stores and checkpoints), so the next start restores every store from its
     * changelog. The embedded broker's data, if any, is kept.
     *
     * @throws IllegalStateException if a thread still owns a task
     */
    public void cleanUp() {
        if (!taskOwners.isEmpty()) {
            throw new IllegalStateException("Cannot clean up while stream threads own tasks " + taskOwners.keySet());
        }
        List<Path> taskDirs;
        try (Stream<Path> children = Files.list(appDir)) {
            taskDirs = children.filter(p ->
                            Files.isDirectory(p) && p.getFileName().toString().matches("\\d+_\\d+"))
                    .toList();
        } catch (IOException e) {
            throw new StreamsException("Cannot list the state directory " + appDir, e);
        }
        for (Path dir : taskDirs) {
            deleteRecursively(dir);
        }
        log.info("[{}] Deleted the local state of {} task(s) under {}", applicationId, taskDirs.size(), appDir);
    }

    static void deleteRecursively(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, @Nullable IOException e) throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new StreamsException("Cannot delete " + dir + ": " + e, e);
        }
    }

    /** Releases the directory lock. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
        } catch (IOException e) {
            log.warn("[{}] Cannot release the lock of {}", applicationId, appDir, e);
        }
        closeQuietly(lockChannel);
    }
}
