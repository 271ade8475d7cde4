package io.runnel.bench.storage;

import io.runnel.common.Time;
import io.runnel.records.FileRecords;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogEnvironment;
import io.runnel.storage.RecoveryState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runnel's partition log, {@link Log} from the storage module, opened on an empty directory with a one-thread
 * scheduler of its own (a broker's {@code LogManager} would share one). {@link #append} is {@link
 * Log#appendAsLeader}; {@link #read} is {@link Log#read} up to the log end, then {@link FileRecords#readFully}.
 */
final class RunnelPartitionLog implements PartitionLog {
    private static final int LEADER_EPOCH = 0;

    private final ScratchDirectory directory;
    private final ScheduledExecutorService scheduler;
    private final Log log;

    private RunnelPartitionLog(ScratchDirectory directory, ScheduledExecutorService scheduler, Log log) {
        this.directory = directory;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** A new, empty log in a new directory {@code <parent>/<unique>/bench-0} with the given segment size. */
    static RunnelPartitionLog create(Path parent, int segmentBytes) throws IOException {
        ScratchDirectory directory = ScratchDirectory.create(parent, "runnel");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "runnel-log-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        try {
            LogConfig config = LogConfig.fromMap(Map.of(
                    LogConfig.SEGMENT_BYTES, Integer.toString(segmentBytes),
                    LogConfig.RETENTION_MS, "-1",
                    LogConfig.RETENTION_BYTES, "-1"));
            Log log = Log.open(
                    directory.partitionDir(), config, RecoveryState.NONE, new LogEnvironment(Time.SYSTEM, scheduler));
            return new RunnelPartitionLog(directory, scheduler, log);
        } catch (RuntimeException e) {
            scheduler.shutdownNow();
            directory.close();
            throw e;
        }
    }

    @Override
    public long append(ByteBuffer batches) {
        return log.appendAsLeader(batches.duplicate(), LEADER_EPOCH).firstOffset();
    }

    @Override
    public int read(long offset, int maxBytes, ByteBuffer destination) throws IOException {
        FileRecords records = log.read(offset, maxBytes, Long.MAX_VALUE, true).records();
        int size = records.sizeInBytes();
        destination.clear().limit(size);
        records.readFully(destination, 0);
        return size;
    }

    @Override
    public int positionOf(long offset) {
        return log.read(offset, 1, Long.MAX_VALUE, true).records().startPosition();
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public long logEndOffset() {
        return log.logEndOffset();
    }

    @Override
    public long sizeInBytes() {
        return log.sizeInBytes();
    }

    /** Closes the log and its scheduler, then deletes its files. */
    @Override
    public void close() throws IOException {
        try {
            log.close();
        } finally {
            scheduler.shutdownNow();
            directory.close();
        }
    }
}
