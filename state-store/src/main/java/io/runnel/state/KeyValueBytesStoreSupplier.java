package io.runnel.state;

import io.runnel.common.utils.Bytes;

/** Supplies byte-level key-value stores. */
public interface KeyValueBytesStoreSupplier extends StoreSupplier<KeyValueStore<Bytes, byte[]>> {}
