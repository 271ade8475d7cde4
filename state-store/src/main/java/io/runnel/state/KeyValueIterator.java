package io.runnel.state;

import java.util.Iterator;

/**
 * An iterator over key-value pairs that holds resources (a RocksDB iterator, a snapshot) until it is closed. Always
 * close it, preferably with try-with-resources; a store closes the iterators still open when it is closed.
 *
 * <p>Not thread-safe: use an iterator on the thread that created it.
 */
public interface KeyValueIterator<K, V> extends Iterator<KeyValue<K, V>>, AutoCloseable {

    /** Releases the iterator's resources. Idempotent. */
    @Override
    void close();

    /**
     * The key of the next pair without advancing.
     *
     * @throws java.util.NoSuchElementException if there is no next pair
     */
    K peekNextKey();
}
