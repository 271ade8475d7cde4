package io.runnel.state;

/** Supplies byte-level session stores. */
public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {
    long segmentIntervalMs();

    long retentionPeriod();
}
