package io.runnel.state.internal.rocksdb;

import io.runnel.common.utils.Bytes;
import io.runnel.state.KeyValue;
import io.runnel.state.ProcessorStateException;
import io.runnel.state.internal.iterator.AbstractKeyValueIterator;
import io.runnel.state.internal.iterator.OpenIterators;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * A forward or backward scan of {@code [from, to]} (or {@code [from, to)}) over one column family. Owns its {@link
 * RocksIterator}, which pins a consistent view of the database until closed.
 */
final class RocksDBRangeIterator extends AbstractKeyValueIterator<Bytes, byte[]> {
    private final RocksIterator it;
    private final byte @Nullable [] from;
    private final byte @Nullable [] to;
    private final boolean toExclusive;
    private final boolean forward;
    private final OpenIterators openIterators;

    RocksDBRangeIterator(
            RocksIterator it,
            @Nullable Bytes from,
            @Nullable Bytes to,
            boolean toExclusive,
            boolean forward,
            OpenIterators openIterators) {
        this.it = it;
        this.from = from == null ? null : from.get();
        this.to = to == null ? null : to.get();
        this.toExclusive = toExclusive;
        this.forward = forward;
        this.openIterators = openIterators;
        position();
    }

    private void position() {
        if (forward) {
            if (from == null) {
                it.seekToFirst();
            } else {
                it.seek(from);
            }
        } else if (to == null) {
            it.seekToLast();
        } else {
            it.seekForPrev(to);
            if (toExclusive && it.isValid() && Arrays.equals(it.key(), to)) {
                it.prev();
            }
        }
    }

    @Override
    protected @Nullable KeyValue<Bytes, byte[]> computeNext() {
        if (!it.isValid()) {
            checkStatus();
            return null;
        }
        byte[] key = it.key();
        if (forward ? pastUpperBound(key) : pastLowerBound(key)) {
            return null;
        }
        KeyValue<Bytes, byte[]> pair = new KeyValue<>(Bytes.wrap(key), it.value());
        if (forward) {
            it.next();
        } else {
            it.prev();
        }
        return pair;
    }

    /** An iterator also ends on an I/O error or corruption: tell that apart from the end of the data. */
    private void checkStatus() {
        try {
            it.status();
        } catch (RocksDBException e) {
            throw new ProcessorStateException(
                    "Error iterating over state store '" + openIterators.storeName() + "': " + e.getMessage(), e);
        }
    }

    private boolean pastUpperBound(byte[] key) {
        if (to == null) {
            return false;
        }
        int cmp = Arrays.compareUnsigned(key, to);
        return toExclusive ? cmp >= 0 : cmp > 0;
    }

    private boolean pastLowerBound(byte[] key) {
        return from != null && Arrays.compareUnsigned(key, from) < 0;
    }

    @Override
    protected void closeResources() {
        openIterators.remove(this);
        it.close();
    }
}
