package io.runnel.storage.index;

import io.runnel.common.errors.CorruptRecordException;
import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A sparse, sorted index of fixed-size entries in a memory-mapped file, the base of {@link OffsetIndex} and {@link
 * TimeIndex}.
 *
 * <p>A new index file is preallocated to its maximum size and mapped whole; {@link #trimToValidSize()} cuts it to its
 * entries when the segment stops being active, and {@link #close()} does the same. An index found on disk at its
 * full preallocated size (a crash before trimming) is detected by {@link #sanityCheck()} and rebuilt by segment
 * recovery.
 *
 * <h2>Concurrency</h2>
 *
 * <p>One writer (the partition's appender, under the log lock) appends and truncates; readers look up concurrently. A
 * read-write lock keeps lookups off a mapping that {@link #resize} or {@link #close} is replacing: unmapping a buffer
 * that another thread reads would crash the JVM.
 */
public abstract class MappedIndex implements Closeable {
    private final int entrySize;
    protected final long baseOffset;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Path file;
    private volatile int maxIndexSize;

    // Guarded by lock (write side for replacement; read side for use).
    private @Nullable MappedByteBuffer mmap;
    private volatile int entries;
    private volatile int maxEntries;

    protected MappedIndex(Path file, long baseOffset, int maxIndexSize, int entrySize) throws IOException {
        this.file = file;
        this.baseOffset = baseOffset;
        this.entrySize = entrySize;
        this.maxIndexSize = maxIndexSize;
        boolean existed = Files.exists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long length = raf.length();
            if (!existed || length == 0) {
                long rounded = roundDown(maxIndexSize);
                raf.setLength(rounded);
                length = 0;
            }
            if (length % entrySize != 0) {
                // A torn index: keep the whole entries; recovery decides whether to rebuild.
                length = roundDown((int) Math.min(length, Integer.MAX_VALUE));
            }
            int mapSize = (int) Math.max(raf.length(), roundDown(maxIndexSize));
            raf.setLength(mapSize);
            this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, mapSize);
            this.entries = (int) (length / entrySize);
            this.maxEntries = mapSize / entrySize;
        }
    }

    private int roundDown(int size) {
        return size - size % entrySize;
    }

    public Path file() {
        return file;
    }

    public long baseOffset() {
        return baseOffset;
    }

    public int entries() {
        return entries;
    }

    public int maxEntries() {
        return maxEntries;
    }

    public boolean isFull() {
        return entries >= maxEntries;
    }

    /** Bytes of valid entries. */
    public int sizeInBytes() {
        return entries * entrySize;
    }

    /** Runs {@code body} with the mapping, under the read lock. */
    protected final <T> T read(MappingReader<T> body) {
        lock.readLock().lock();
        try {
            MappedByteBuffer buffer = mmap;
            if (buffer == null) {
                throw new IllegalStateException("index " + file + " is closed");
            }
            return body.read(buffer, entries);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Runs {@code body} with the mapping, under the write lock; for appends and truncation. */
    protected final void write(MappingWriter body) {
        lock.writeLock().lock();
        try {
            MappedByteBuffer buffer = mmap;
            if (buffer == null) {
                throw new IllegalStateException("index " + file + " is closed");
            }
            entries = body.write(buffer, entries);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Reads the mapping. */
    @FunctionalInterface
    protected interface MappingReader<T> {
        T read(MappedByteBuffer buffer, int entries);
    }

    /** Changes the mapping; returns the new entry count. */
    @FunctionalInterface
    protected interface MappingWriter {
        int write(MappedByteBuffer buffer, int entries);
    }

    /**
     * The index of the largest entry whose key is {@code <= target}, or -1 if every key is greater. Binary search:
     * O(log n) in entries.
     */
    protected static int largestLowerBound(MappedByteBuffer buffer, int entries, long target, KeyReader key) {
        if (entries == 0 || key.read(buffer, 0) > target) {
            return -1;
        }
        int lo = 0;
        int hi = entries - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (key.read(buffer, mid) <= target) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The key of entry {@code n}. */
    @FunctionalInterface
    protected interface KeyReader {
        long read(MappedByteBuffer buffer, int n);
    }

    /** Removes every entry. */
    public void reset() {
        write((buffer, entries) -> 0);
    }

    /**
     * Checks that the file holds whole, ordered entries.
     *
     * @throws CorruptRecordException naming the file and the problem
     */
    public abstract void sanityCheck();

    /** Changes the mapped (and file) size to {@code newSize} rounded down to whole entries, keeping the entries. */
    public void resize(int newSize) throws IOException {
        lock.writeLock().lock();
        try {
            int rounded = roundDown(Math.max(newSize, entries * entrySize));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                unmap();
                raf.setLength(rounded);
                mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, rounded);
                maxEntries = rounded / entrySize;
                maxIndexSize = rounded;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Cuts the file to its entries, as when the segment stops being active. */
    public void trimToValidSize() throws IOException {
        resize(entries * entrySize);
    }

    /** Forces the mapping to disk. */
    public void flush() {
        lock.readLock().lock();
        try {
            if (mmap != null) {
                mmap.force();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Renames the file; the mapping stays valid. */
    public void renameTo(Path target) throws IOException {
        Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        file = target;
    }

    /** Trims the file to its entries and unmaps it. Idempotent. */
    @Override
    public void close() throws IOException {
        lock.writeLock().lock();
        try {
            if (mmap == null) {
                return;
            }
            if (Files.exists(file)) {
                trimToValidSize();
            }
            unmap();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Unmaps and deletes the file. */
    public boolean deleteIfExists() throws IOException {
        lock.writeLock().lock();
        try {
            unmap();
            return Files.deleteIfExists(file);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unmap() {
        MappedByteBuffer buffer = mmap;
        mmap = null;
        if (buffer != null) {
            Unmapper.unmap(buffer);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(file=" + file + ", entries=" + entries + ")";
    }

    /**
     * Releases a mapping now rather than at garbage collection, so that deleted index files free their disk space
     * and a resize does not keep two mappings. Uses {@code sun.misc.Unsafe.invokeCleaner} (module jdk.unsupported),
     * as Kafka and Lucene do; if it is unavailable the mapping is left to the garbage collector.
     */
    private static final class Unmapper {
        private static final @Nullable Object UNSAFE;
        private static final @Nullable Method INVOKE_CLEANER;

        static {
            Object unsafe = null;
            Method invokeCleaner = null;
            try {
                Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
                Field field = unsafeClass.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                unsafe = field.get(null);
                invokeCleaner = unsafeClass.getMethod("invokeCleaner", java.nio.ByteBuffer.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                unsafe = null;
                invokeCleaner = null;
            }
            UNSAFE = unsafe;
            INVOKE_CLEANER = invokeCleaner;
        }

        static void unmap(MappedByteBuffer buffer) {
            if (UNSAFE == null || INVOKE_CLEANER == null) {
                return;
            }
            try {
                INVOKE_CLEANER.invoke(UNSAFE, buffer);
            } catch (ReflectiveOperationException e) {
                // The mapping stays until garbage collection; nothing is lost.
            }
        }
    }
}
