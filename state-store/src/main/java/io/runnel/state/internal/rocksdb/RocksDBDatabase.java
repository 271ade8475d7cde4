package io.runnel.state.internal.rocksdb;

import io.runnel.common.utils.Bytes;
import io.runnel.state.CorruptStateStoreException;
import io.runnel.state.KeyValueIterator;
import io.runnel.state.ProcessorStateException;
import io.runnel.state.RocksDBConfigSetter;
import io.runnel.state.RocksDBMemory;
import io.runnel.state.StateStoreContext;
import io.runnel.state.internal.iterator.OpenIterators;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.MutableColumnFamilyOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * One RocksDB database of one store, with the native objects it needs, and byte-level operations on its column
 * families. Key-value stores use the default column family; window and session stores add one column family per
 * time segment, so that dropping a segment is one {@code DropColumnFamily} call.
 *
 * <h2>Ownership</h2>
 *
 * Every native object here is created by this class and closed by {@link #close()}, in this order: open iterators
 * (they pin the database), column family handles, the database, the user's config setter's objects, then options,
 * filter, write and flush options. The block cache and write buffer manager belong to {@link RocksDBMemory} and are
 * only borrowed. {@link #liveNativeObjects()} counts, process-wide, the native objects created here and not yet
 * closed, so that tests can check for leaks.
 *
 * <h2>Durability</h2>
 *
 * Writes skip the write-ahead log, as in Kafka Streams: the changelog topic is the store's log, and the store's
 * checkpoint is written only after {@link #flush()} has persisted the memtables.
 *
 * <p>Not thread-safe for writes: the owning stream thread writes; reads may come from query threads.
 */
public final class RocksDBDatabase implements AutoCloseable {
    private static final AtomicLong LIVE_NATIVE_OBJECTS = new AtomicLong();
    private static final String DEFAULT_CF = new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

    static {
        RocksDB.loadLibrary();
    }

    private final String storeName;
    private final Path dir;
    private final RocksDBMemory memory;
    private final RocksDBConfigSetter configSetter;
    private final Options userOptions;
    private final BloomFilter filter;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final WriteOptions writeOptions;
    private final FlushOptions flushOptions;
    private final RocksDB db;
    private final ColumnFamilyHandle defaultFamily;
    private final Map<String, ColumnFamilyHandle> families = new LinkedHashMap<>();
    private final OpenIterators openIterators;
    private volatile boolean open = true;

    private RocksDBDatabase(String storeName, Path dir, StateStoreContext context) {
        this.storeName = storeName;
        this.dir = dir;
        this.memory = context.rocksDBMemory();
        this.configSetter = context.rocksDBConfigSetter();
        this.openIterators = new OpenIterators(storeName);
        this.filter = track(new BloomFilter(10));
        this.userOptions = track(defaultOptions(memory, filter));
        configSetter.setConfig(storeName, userOptions, context.appConfigs());
        this.dbOptions = track(new DBOptions(userOptions));
        this.cfOptions = track(new ColumnFamilyOptions(userOptions));
        this.writeOptions = track(new WriteOptions().setDisableWAL(true));
        this.flushOptions = track(new FlushOptions().setWaitForFlush(true));
        List<String> existing = existingFamilies();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String name : existing) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        RocksDB opened;
        try {
            Files.createDirectories(dir);
            opened = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
        } catch (RocksDBException e) {
            closeOptions();
            throw openFailure(e);
        } catch (IOException e) {
            closeOptions();
            throw new ProcessorStateException("Cannot create the directory " + dir + " of store " + storeName, e);
        }
        this.db = track(opened);
        for (int i = 0; i < handles.size(); i++) {
            families.put(existing.get(i), track(handles.get(i)));
        }
        this.defaultFamily = java.util.Objects.requireNonNull(families.remove(DEFAULT_CF), "default column family");
        memory.acquire();
    }

    /**
     * Opens (creating if needed) the database of {@code storeName} in {@code dir}, with every column family found
     * there.
     *
     * @throws CorruptStateStoreException if the files in {@code dir} are damaged
     * @throws ProcessorStateException if the database cannot be opened for another reason (locked, no space)
     */
    public static RocksDBDatabase open(String storeName, Path dir, StateStoreContext context) {
        return new RocksDBDatabase(storeName, dir, context);
    }

    /** Runnel's defaults, applied before the user's config setter sees the options. */
    private static Options defaultOptions(RocksDBMemory memory, BloomFilter filter) {
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(memory.blockCache())
                .setBlockSize(16 * 1024L)
                .setFilterPolicy(filter)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinTopLevelIndexAndFilter(true);
        Options options = new Options()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setErrorIfExists(false)
                .setTableFormatConfig(table)
                .setWriteBufferManager(memory.writeBufferManager())
                .setWriteBufferSize(16L * 1024 * 1024)
                .setMaxWriteBufferNumber(3)
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxOpenFiles(-1)
                .setIncreaseParallelism(Math.max(Runtime.getRuntime().availableProcessors(), 2));
        return options;
    }

    private List<String> existingFamilies() {
        List<String> names = new ArrayList<>();
        if (Files.exists(dir.resolve("CURRENT"))) {
            try {
                for (byte[] name : RocksDB.listColumnFamilies(userOptions, dir.toString())) {
                    names.add(new String(name, StandardCharsets.UTF_8));
                }
            } catch (RocksDBException e) {
                closeOptions();
                throw openFailure(e);
            }
        }
        if (!names.contains(DEFAULT_CF)) {
            names.add(0, DEFAULT_CF);
        }
        return names;
    }

    private ProcessorStateException openFailure(RocksDBException e) {
        Status status = e.getStatus();
        Status.Code code = status == null ? null : status.getCode();
        if (code == Status.Code.Corruption || code == Status.Code.InvalidArgument || code == Status.Code.NotSupported) {
            return new CorruptStateStoreException(storeName, dir, e);
        }
        return new ProcessorStateException(
                "Error opening state store '" + storeName + "' in directory " + dir + ": " + e.getMessage(), e);
    }

    public String storeName() {
        return storeName;
    }

    public Path directory() {
        return dir;
    }

    public boolean isOpen() {
        return open;
    }

    /** The default column family, used by key-value stores and for a segmented store's metadata. */
    public ColumnFamilyHandle defaultFamily() {
        return defaultFamily;
    }

    /** The column families other than the default, by name, in creation order. */
    public Map<String, ColumnFamilyHandle> families() {
        return Map.copyOf(families);
    }

    public OpenIterators openIterators() {
        return openIterators;
    }

    /** Creates the column family {@code name}. */
    public ColumnFamilyHandle createFamily(String name) {
        try {
            ColumnFamilyHandle handle = track(db.createColumnFamily(
                    new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions)));
            families.put(name, handle);
            return handle;
        } catch (RocksDBException e) {
            throw failure("creating column family " + name, e);
        }
    }

    /** Drops the column family {@code name} with all its data: O(1) in the data size; files go in the background. */
    public void dropFamily(String name) {
        ColumnFamilyHandle handle = families.remove(name);
        if (handle == null) {
            return;
        }
        try {
            db.dropColumnFamily(handle);
        } catch (RocksDBException e) {
            throw failure("dropping column family " + name, e);
        } finally {
            untrack(handle);
        }
    }

    public byte @Nullable [] get(ColumnFamilyHandle family, byte[] key) {
        try {
            return db.get(family, key);
        } catch (RocksDBException e) {
            throw failure("reading", e);
        }
    }

    public void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
        try {
            db.put(family, writeOptions, key, value);
        } catch (RocksDBException e) {
            throw failure("writing", e);
        }
    }

    public void delete(ColumnFamilyHandle family, byte[] key) {
        try {
            db.delete(family, writeOptions, key);
        } catch (RocksDBException e) {
            throw failure("deleting", e);
        }
    }

    /** A batch of writes applied atomically by {@link #write}. The caller closes it. */
    public WriteBatch newBatch() {
        return new WriteBatch();
    }

    public void write(WriteBatch batch) {
        try {
            db.write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw failure("writing a batch", e);
        }
    }

    /**
     * An iterator over {@code [from, to]} of a column family (bounds inclusive unless {@code toExclusive}; null bounds
     * open), registered so that {@link #close()} closes it if its user does not.
     */
    public KeyValueIterator<Bytes, byte[]> range(
            ColumnFamilyHandle family, @Nullable Bytes from, @Nullable Bytes to, boolean toExclusive, boolean forward) {
        RocksDBRangeIterator it =
                new RocksDBRangeIterator(db.newIterator(family), from, to, toExclusive, forward, openIterators);
        openIterators.add(it);
        return it;
    }

    /** RocksDB's estimate of the number of keys in a column family. */
    public long estimateNumKeys(ColumnFamilyHandle family) {
        try {
            return db.getLongProperty(family, "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            throw failure("reading rocksdb.estimate-num-keys", e);
        }
    }

    /** Persists every memtable, so that what was written survives a restart without the WAL. */
    public void flush() {
        try {
            List<ColumnFamilyHandle> all = allFamilies();
            db.flush(flushOptions, all);
        } catch (RocksDBException e) {
            throw failure("flushing", e);
        }
    }

    /** Bulk-load mode for restoration: automatic compactions off until {@link #endBulkLoad()}. */
    public void startBulkLoad() {
        setAutoCompactions(false);
    }

    /** Leaves bulk-load mode: flushes, compacts everything written meanwhile, and turns compactions back on. */
    public void endBulkLoad() {
        flush();
        try {
            for (ColumnFamilyHandle family : allFamilies()) {
                db.compactRange(family);
            }
        } catch (RocksDBException e) {
            throw failure("compacting after restoration", e);
        } finally {
            setAutoCompactions(true);
        }
    }

    private void setAutoCompactions(boolean enabled) {
        MutableColumnFamilyOptions mutable = MutableColumnFamilyOptions.builder()
                .setDisableAutoCompactions(!enabled)
                .build();
        try {
            for (ColumnFamilyHandle family : allFamilies()) {
                db.setOptions(family, mutable);
            }
        } catch (RocksDBException e) {
            throw failure((enabled ? "enabling" : "disabling") + " automatic compactions", e);
        }
    }

    private List<ColumnFamilyHandle> allFamilies() {
        List<ColumnFamilyHandle> all = new ArrayList<>(families.size() + 1);
        all.add(defaultFamily);
        all.addAll(families.values());
        return all;
    }

    /** An error from RocksDB while the store is open, naming the store, the operation and the directory. */
    public ProcessorStateException failure(String operation, RocksDBException e) {
        return new ProcessorStateException(
                "Error " + operation + " state store '" + storeName + "' in " + dir + ": " + e.getMessage(), e);
    }

    /** Closes iterators, column families, the database and the options, in that order. Idempotent. */
    @Override
    public synchronized void close() {
        if (!open) {
            return;
        }
        open = false;
        openIterators.closeAll();
        Collection<ColumnFamilyHandle> handles = new ArrayList<>(families.values());
        families.clear();
        handles.forEach(RocksDBDatabase::untrack);
        untrack(defaultFamily);
        untrack(db);
        configSetter.close(storeName, userOptions);
        closeOptions();
        memory.release();
    }

    private void closeOptions() {
        untrack(flushOptions);
        untrack(writeOptions);
        untrack(cfOptions);
        untrack(dbOptions);
        untrack(userOptions);
        untrack(filter);
    }

    /** Native objects created by any database of this process and not yet closed. */
    public static long liveNativeObjects() {
        return LIVE_NATIVE_OBJECTS.get();
    }

    private static <T extends AutoCloseable> T track(T object) {
        LIVE_NATIVE_OBJECTS.incrementAndGet();
        return object;
    }

    private static void untrack(@Nullable AutoCloseable object) {
        if (object == null) {
            return;
        }
        try {
            object.close();
        } catch (Exception e) {
            throw new ProcessorStateException("Error closing a RocksDB object", e);
        } finally {
            LIVE_NATIVE_OBJECTS.decrementAndGet();
        }
    }
}
