package io.runnel.state;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a store needs from the task that owns it: where to keep its files, the process-wide RocksDB memory budget,
 * the thread's record cache, where to log changes, and a way to register itself for restoration.
 *
 * <p>The runtime implements this per task (see {@link StateManager}); tests use the same class.
 */
public interface StateStoreContext {

    /** The owning task's id, for log prefixes and error messages. */
    String taskId();

    /** The task's state directory; a persistent store keeps its files in a sub-directory named after the store. */
    Path stateDir();

    /** Application configuration, handed to {@link RocksDBConfigSetter#setConfig}. */
    Map<String, Object> appConfigs();

    /** The process-wide RocksDB memory budget that every RocksDB store of this process charges. */
    RocksDBMemory rocksDBMemory();

    /** The user's RocksDB tuning hook; {@link RocksDBConfigSetter#NONE} when the user has none. */
    RocksDBConfigSetter rocksDBConfigSetter();

    /** The record cache of the owning stream thread, shared by every cached store of that thread. */
    RecordCache recordCache();

    /** Where logged stores send their changes. */
    ChangelogWriter changelogWriter();

    /** The timestamp of the record being processed, given to cache entries and changelog records. */
    long timestamp();

    /**
     * Registers a store with the task so that its changelog is restored into it before processing starts.
     *
     * @param store the outermost store of a layer stack
     * @param callback applies batches of changelog records to the store's storage engine
     */
    void register(StateStore store, StateRestoreCallback callback);
}
