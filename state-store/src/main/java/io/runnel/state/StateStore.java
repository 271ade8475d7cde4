package io.runnel.state;

/**
 * A storage engine owned by one task. A store is created by a {@link StoreBuilder}, initialised once with {@link
 * #init}, used by the task's thread, flushed at each commit and closed when the task goes away.
 *
 * <p>Stores are not thread-safe for writes: one stream thread owns each store. Read-only queries from other threads
 * are safe on the read-only views (see {@link ReadOnlyViews}) of in-memory and RocksDB stores.
 */
public interface StateStore extends AutoCloseable {

    /** The name of this store, unique within a topology. */
    String name();

    /**
     * Opens the store's resources and registers it for restoration.
     *
     * @param context the task's store context
     * @param root the outermost store of the layer stack this store belongs to (the one registered with the task)
     * @throws ProcessorStateException if the store cannot be opened
     */
    void init(StateStoreContext context, StateStore root);

    /** Writes any cached data down to the storage engine and makes it durable there. */
    void flush();

    /**
     * Flushes what this store created and releases its resources. Idempotent. Open iterators are closed.
     */
    @Override
    void close();

    /** Whether the store keeps its data on local disk across restarts. */
    boolean persistent();

    /** Whether {@link #init} has completed and {@link #close} has not been called. */
    boolean isOpen();
}
