package io.runnel.bench.workload;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary JMH results beside ops/s: {@code records} and {@code bytes} (uncompressed batch bytes) processed, which
 * JMH reports as rates, so that the tables show records/s and bytes/s directly.
 *
 * <p>One instance per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BatchCounters {
    public long records;
    public long bytes;

    @Setup(Level.Iteration)
    public void clear() {
        records = 0;
        bytes = 0;
    }

    /** Counts one batch. */
    public void add(int recordCount, int batchBytes) {
        records += recordCount;
        bytes += batchBytes;
    }
}
