package io.runnel.state;

import java.util.List;

/**
 * A kind of store that interactive queries can ask for, and how to present the local instances of a store (one per
 * task) as one read-only store. Get one from {@link QueryableStoreTypes}.
 *
 * @param <T> the read-only store type a query gets
 */
public interface QueryableStoreType<T> {

    /** Whether {@code store} can be queried as this type. */
    boolean accepts(StateStore store);

    /**
     * One read-only view over the given instances of a store, each accepted by {@link #accepts}. Reads go to every
     * instance: a key lookup returns the first value found, a range or scan yields each instance's pairs in turn.
     */
    T create(List<StateStore> stores);
}
