package io.runnel.state;

import java.util.concurrent.atomic.AtomicInteger;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory bound of every RocksDB store in a process: one LRU block cache of {@code totalBytes}, and a {@link
 * WriteBufferManager} that charges memtables to that same cache, so that block cache, index and filter blocks and
 * memtables of all stores together stay within {@code totalBytes} (RocksDB's "cost memtable memory to block cache"
 * setup; Kafka Streams documents it as a config-setter recipe, Runnel makes it the default).
 *
 * <p>Created once per process by the runtime and closed after every store using it is closed. Thread-safe.
 */
public final class RocksDBMemory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RocksDBMemory.class);

    /** The default total: 128 MiB for all stores of a process. */
    public static final long DEFAULT_TOTAL_BYTES = 128L * 1024 * 1024;

    /** The default share of the total that memtables may use. */
    public static final double DEFAULT_WRITE_BUFFER_RATIO = 0.5;

    static {
        RocksDB.loadLibrary();
    }

    private final long totalBytes;
    private final long writeBufferBytes;
    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean closed;

    private RocksDBMemory(long totalBytes, double writeBufferRatio) {
        this.totalBytes = totalBytes;
        this.writeBufferBytes = (long) (totalBytes * writeBufferRatio);
        // Strict capacity limit off: a full cache must not fail reads. A high-priority pool of 10% keeps index and
        // filter blocks (cached with high priority) from being evicted by data blocks.
        this.blockCache = new LRUCache(totalBytes, -1, false, 0.1);
        this.writeBufferManager = new WriteBufferManager(writeBufferBytes, blockCache);
    }

    /** A budget of {@link #DEFAULT_TOTAL_BYTES}. */
    public static RocksDBMemory withDefaults() {
        return create(DEFAULT_TOTAL_BYTES, DEFAULT_WRITE_BUFFER_RATIO);
    }

    /**
     * A budget of {@code totalBytes} for block cache and memtables together.
     *
     * @param totalBytes the bound, at least 1 MiB
     * @param writeBufferRatio the share of {@code totalBytes} memtables may use, in (0, 1)
     */
    public static RocksDBMemory create(long totalBytes, double writeBufferRatio) {
        if (totalBytes < 1024 * 1024) {
            throw new IllegalArgumentException("totalBytes must be >= 1 MiB: " + totalBytes);
        }
        if (!(writeBufferRatio > 0 && writeBufferRatio < 1)) {
            throw new IllegalArgumentException("writeBufferRatio must be in (0, 1): " + writeBufferRatio);
        }
        return new RocksDBMemory(totalBytes, writeBufferRatio);
    }

    public long totalBytes() {
        return totalBytes;
    }

    public long writeBufferBytes() {
        return writeBufferBytes;
    }

    /** The shared block cache. Borrowed: do not close it. */
    public Cache blockCache() {
        checkOpen();
        return blockCache;
    }

    /** The shared write buffer manager. Borrowed: do not close it. */
    public WriteBufferManager writeBufferManager() {
        checkOpen();
        return writeBufferManager;
    }

    /** Bytes currently held in the shared cache, memtable reservations included. */
    public long usage() {
        return blockCache.getUsage();
    }

    /** Bytes of the shared cache pinned by open stores and iterators. */
    public long pinnedUsage() {
        return blockCache.getPinnedUsage();
    }

    /** The number of open stores using this budget. */
    public int openStores() {
        return users.get();
    }

    /** Called by a RocksDB store when it opens. */
    public void acquire() {
        checkOpen();
        users.incrementAndGet();
    }

    /** Called by a RocksDB store after it closed its database. */
    public void release() {
        users.decrementAndGet();
    }

    /** Closes the write buffer manager and the cache. Idempotent. Stores still open keep their own references. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        int open = users.get();
        if (open > 0) {
            log.warn("Closing the RocksDB memory budget while {} stores still use it", open);
        }
        writeBufferManager.close();
        blockCache.close();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("RocksDBMemory is closed");
        }
    }
}
