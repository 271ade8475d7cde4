package io.runnel.state;

/** Supplies byte-level key-value stores. */
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {}
