package io.runnel.storage;

import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exclusive locks on a set of log directories (each directory's {@code .lock} file), taken all or none. A broker takes
 * them before anything writes under its directories (its embedded ZooKeeper lives under the first one), and hands them
 * to {@link LogManager#start(LogManagerConfig, io.runnel.common.Time, io.runnel.records.FileRecords.ChannelOpener,
 * java.util.function.Function, LogDirectoryLocks)}, which uses them without releasing them. Released by {@link
 * #close()} or when the process dies.
 *
 * <p>Thread-safe.
 */
public final class LogDirectoryLocks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LogDirectoryLocks.class);

    private final List<LogDirectoryLock> locks;
    private boolean closed;

    private LogDirectoryLocks(List<LogDirectoryLock> locks) {
        this.locks = List.copyOf(locks);
    }

    /**
     * Locks every directory in {@code dirs}, creating them if needed; if one cannot be locked, releases the others.
     *
     * @throws StorageException naming the directory another process (or another holder here) has locked, or that
     *     cannot be created
     */
    public static LogDirectoryLocks acquire(List<Path> dirs) {
        List<LogDirectoryLock> locks = new ArrayList<>();
        try {
            for (Path dir : dirs) {
                locks.add(LogDirectoryLock.acquire(dir));
            }
        } catch (StorageException e) {
            release(locks);
            throw e;
        }
        return new LogDirectoryLocks(locks);
    }

    /** The locked directories, in the order given. */
    public List<Path> dirs() {
        return locks.stream().map(LogDirectoryLock::dir).toList();
    }

    /** Releases every lock. Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            release(locks);
        }
    }

    private static void release(List<LogDirectoryLock> locks) {
        for (LogDirectoryLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                log.warn("Failed to release the lock of {}", lock.dir(), e);
            }
        }
    }
}
