package io.runnel.storage;

import io.runnel.common.errors.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on a log directory's {@code .lock} file, so that two brokers (or two log managers in one
 * process) never open the same logs. Released by {@link #close()} or when the process dies.
 */
final class LogDirectoryLock implements AutoCloseable {
    static final String LOCK_FILE = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private LogDirectoryLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir}, creating it if needed.
     *
     * @throws StorageException naming the directory if another process (or another manager here) holds it, or it
     *     cannot be created
     */
    static LogDirectoryLock acquire(Path dir) {
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(dir, null);
            }
            return new LogDirectoryLock(dir, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(dir, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StorageException("cannot lock log directory " + dir + ": " + e.getMessage(), e);
        } catch (StorageException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StorageException locked(Path dir, @org.jspecify.annotations.Nullable Throwable cause) {
        String message = "log directory " + dir + " is in use by another process (its " + LOCK_FILE + " is locked)";
        return cause == null ? new StorageException(message) : new StorageException(message, cause);
    }

    private static void closeQuietly(@org.jspecify.annotations.Nullable FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was locked through it.
            }
        }
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        channel.close();
    }
}
