package io.runnel.state;

/** Creates new byte-level store instances of one kind and name; see {@link Stores}. */
public interface StoreSupplier<T extends StateStore> {
    String name();

    /** A new, unopened store each call. */
    T get();
}
