package io.runnel.state;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of one task: their {@link StateStoreContext}, their restoration from changelogs, and the checkpoint
 * file that lets a clean restart skip restoration (Kafka's {@code ProcessorStateManager}).
 *
 * <h2>Life cycle</h2>
 *
 * <ol>
 *   <li>Build with {@link #builder}; {@code init} each store with this manager as its context: stores register
 *       themselves.
 *   <li>{@link #restore} each logged store: from the checkpointed offset + 1 (persistent stores with a checkpoint
 *       entry) or from offset 0, in batches, in bulk-load mode.
 *   <li>Process; after the runtime's producer acknowledges changelog writes, report their offsets with {@link
 *       #changelogOffsetsWritten}; at each commit call {@link #checkpoint()}: stores are flushed, then the offsets are
 *       written atomically.
 *   <li>{@link #close()} checkpoints and closes the stores. Only persistent stores are checkpointed: in-memory stores
 *       restore from the start.
 * </ol>
 *
 * <p>Not thread-safe: owned by the task's stream thread.
 */
public final class StateManager implements StateStoreContext, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StateManager.class);
    static final String CHECKPOINT_FILE = ".checkpoint";

    private final String taskId;
    private final Path stateDir;
    private final Map<String, Object> appConfigs;
    private final RocksDBMemory rocksDBMemory;
    private final RocksDBConfigSetter configSetter;
    private final RecordCache recordCache;
    private final ChangelogWriter changelogWriter;
    private final OffsetCheckpoint checkpoint;
    private final Map<String, Registration> stores = new LinkedHashMap<>();
    private final Map<String, Long> offsets = new TreeMap<>();
    private long timestamp;
    private boolean closed;

    private record Registration(StateStore store, StateRestoreCallback callback) {}

    private StateManager(Builder b) {
        this.taskId = b.taskId;
        this.stateDir = b.stateDir;
        this.appConfigs = Map.copyOf(b.appConfigs);
        this.rocksDBMemory = b.rocksDBMemory;
        this.configSetter = b.configSetter;
        this.recordCache = b.recordCache;
        this.changelogWriter = b.changelogWriter;
        this.checkpoint = new OffsetCheckpoint(stateDir.resolve(CHECKPOINT_FILE));
        this.offsets.putAll(checkpoint.read());
    }

    /**
     * A builder for the task {@code taskId} keeping its files in {@code stateDir}.
     *
     * @param rocksDBMemory the process-wide RocksDB budget (borrowed: the caller closes it after every task)
     */
    public static Builder builder(String taskId, Path stateDir, RocksDBMemory rocksDBMemory) {
        return new Builder(taskId, stateDir, rocksDBMemory);
    }

    @Override
    public String taskId() {
        return taskId;
    }

    @Override
    public Path stateDir() {
        return stateDir;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return appConfigs;
    }

    @Override
    public RocksDBMemory rocksDBMemory() {
        return rocksDBMemory;
    }

    @Override
    public RocksDBConfigSetter rocksDBConfigSetter() {
        return configSetter;
    }

    @Override
    public RecordCache recordCache() {
        return recordCache;
    }

    @Override
    public ChangelogWriter changelogWriter() {
        return changelogWriter;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    /** Sets the timestamp of the record being processed. */
    public void setTimestamp(long timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback callback) {
        Objects.requireNonNull(store, "store cannot be null");
        Objects.requireNonNull(callback, "callback cannot be null");
        if (stores.containsKey(store.name())) {
            throw new IllegalArgumentException("Store " + store.name() + " is already registered in task " + taskId);
        }
        stores.put(store.name(), new Registration(store, callback));
    }

    /** The registered store {@code name}, or null. */
    public @Nullable StateStore store(String name) {
        Registration r = stores.get(name);
        return r == null ? null : r.store();
    }

    /** The changelog offset the store's local state is complete up to, if checkpointed. */
    public OptionalLong checkpointedOffset(String storeName) {
        Long offset = offsets.get(storeName);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }

    /**
     * Restores {@code storeName} from its changelog: from the checkpointed offset + 1 for a persistent store with a
     * checkpoint, else from 0.
     *
     * @return the number of records applied
     */
    public long restore(String storeName, ChangelogReader reader, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1: " + batchSize);
        }
        Registration r = stores.get(storeName);
        if (r == null) {
            throw new IllegalArgumentException("No store " + storeName + " is registered in task " + taskId);
        }
        Long checkpointed = r.store().persistent() ? offsets.get(storeName) : null;
        long next = checkpointed == null ? 0 : checkpointed + 1;
        long restored = 0;
        r.callback().onRestoreStart();
        try {
            List<ChangelogRecord> batch;
            while (!(batch = reader.read(storeName, next, batchSize)).isEmpty()) {
                r.callback().restoreBatch(batch);
                restored += batch.size();
                next = batch.get(batch.size() - 1).offset() + 1;
            }
        } finally {
            r.callback().onRestoreEnd();
        }
        if (next > 0) {
            offsets.put(storeName, next - 1);
        }
        log.info("[Task {}] Restored {} records into store {}, up to offset {}", taskId, restored, storeName, next - 1);
        return restored;
    }

    /** Records the offsets of changelog writes the runtime's producer has acknowledged, by store name. */
    public void changelogOffsetsWritten(Map<String, Long> written) {
        written.forEach((store, offset) -> offsets.merge(store, offset, Math::max));
    }

    /** Flushes every store, then writes the offsets of the persistent ones to the checkpoint file. */
    public void checkpoint() {
        for (Registration r : stores.values()) {
            if (r.store().isOpen()) {
                r.store().flush();
            }
        }
        Map<String, Long> persistent = new TreeMap<>();
        for (Map.Entry<String, Long> entry : offsets.entrySet()) {
            Registration r = stores.get(entry.getKey());
            if (r == null || r.store().persistent()) {
                persistent.put(entry.getKey(), entry.getValue());
            }
        }
        checkpoint.write(persistent);
    }

    /**
     * Deletes a closed store's local files and its checkpoint entry, so that it is restored from its changelog from
     * the start: the way out of a {@link CorruptStateStoreException}.
     */
    public void wipeStore(String storeName) {
        Registration r = stores.get(storeName);
        if (r != null && r.store().isOpen()) {
            throw new IllegalStateException("Store " + storeName + " must be closed before it is wiped");
        }
        stores.remove(storeName);
        offsets.remove(storeName);
        checkpoint.write(offsets);
        deleteRecursively(stateDir.resolve("rocksdb").resolve(storeName));
        log.warn(
                "[Task {}] Wiped the local state of store {}: it will be restored from its changelog",
                taskId,
                storeName);
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
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
            throw new ProcessorStateException("Cannot delete " + dir, e);
        }
    }

    /** Checkpoints, then closes every store in reverse registration order. Idempotent. */
    @Override
    public void close() {
        close(true);
    }

    /**
     * Closes every store in reverse registration order without writing the checkpoint file, after a failure: the
     * file keeps the offsets of the last successful checkpoint, so the next start restores from there. Idempotent.
     */
    public void closeDirty() {
        close(false);
    }

    private void close(boolean writeCheckpoint) {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        if (writeCheckpoint) {
            try {
                checkpoint();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        List<Registration> reversed = new ArrayList<>(stores.values());
        java.util.Collections.reverse(reversed);
        for (Registration r : reversed) {
            try {
                r.store().close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Builds a {@link StateManager}; every setting but the three required ones has a default. */
    public static final class Builder {
        private final String taskId;
        private final Path stateDir;
        private final RocksDBMemory rocksDBMemory;
        private Map<String, Object> appConfigs = Map.of();
        private RocksDBConfigSetter configSetter = RocksDBConfigSetter.NONE;
        private RecordCache recordCache = new RecordCache(10L * 1024 * 1024);
        private ChangelogWriter changelogWriter = ChangelogWriter.NONE;

        private Builder(String taskId, Path stateDir, RocksDBMemory rocksDBMemory) {
            this.taskId = Objects.requireNonNull(taskId, "taskId cannot be null");
            this.stateDir = Objects.requireNonNull(stateDir, "stateDir cannot be null");
            this.rocksDBMemory = Objects.requireNonNull(rocksDBMemory, "rocksDBMemory cannot be null");
        }

        public Builder appConfigs(Map<String, Object> configs) {
            this.appConfigs = Objects.requireNonNull(configs, "configs cannot be null");
            return this;
        }

        public Builder rocksDBConfigSetter(RocksDBConfigSetter setter) {
            this.configSetter = Objects.requireNonNull(setter, "setter cannot be null");
            return this;
        }

        /** The stream thread's cache (default: a private 10 MiB cache, Kafka's default budget). */
        public Builder recordCache(RecordCache cache) {
            this.recordCache = Objects.requireNonNull(cache, "cache cannot be null");
            return this;
        }

        public Builder changelogWriter(ChangelogWriter writer) {
            this.changelogWriter = Objects.requireNonNull(writer, "writer cannot be null");
            return this;
        }

        public StateManager build() {
            return new StateManager(this);
        }
    }
}
