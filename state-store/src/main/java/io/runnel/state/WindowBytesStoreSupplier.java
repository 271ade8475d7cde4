package io.runnel.state;

import io.runnel.common.utils.Bytes;

/** Supplies byte-level window stores. */
public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {
    long segmentIntervalMs();

    long windowSize();

    boolean retainDuplicates();

    long retentionPeriod();
}
