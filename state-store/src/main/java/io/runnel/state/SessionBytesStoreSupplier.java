package io.runnel.state;

import io.runnel.common.utils.Bytes;

/** Supplies byte-level session stores. */
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {
    long segmentIntervalMs();

    long retentionPeriod();
}
