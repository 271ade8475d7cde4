package io.runnel.state.internal.iterator;

import io.runnel.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iterators a store has handed out and not seen closed, so that closing the store closes them first (a RocksDB
 * iterator that outlives its database crashes the JVM). Thread-safe.
 */
public final class OpenIterators {
    private static final Logger log = LoggerFactory.getLogger(OpenIterators.class);

    private final String storeName;
    private final Set<KeyValueIterator<?, ?>> open =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public OpenIterators(String storeName) {
        this.storeName = storeName;
    }

    public String storeName() {
        return storeName;
    }

    public void add(KeyValueIterator<?, ?> iterator) {
        open.add(iterator);
    }

    public void remove(KeyValueIterator<?, ?> iterator) {
        open.remove(iterator);
    }

    public int size() {
        return open.size();
    }

    /** Closes every iterator still open, warning once that the caller leaked them. */
    public void closeAll() {
        List<KeyValueIterator<?, ?>> leaked;
        synchronized (open) {
            leaked = new ArrayList<>(open);
            open.clear();
        }
        if (!leaked.isEmpty()) {
            log.warn(
                    "Closing {} open iterator(s) of store {}: iterators must be closed by their users",
                    leaked.size(),
                    storeName);
        }
        for (KeyValueIterator<?, ?> it : leaked) {
            it.close();
        }
    }
}
