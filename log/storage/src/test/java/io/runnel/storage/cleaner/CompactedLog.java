package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.records.CompressionType;
import io.runnel.records.FileBatch;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.RecordCursor;
import io.runnel.storage.FetchData;
import io.runnel.storage.Log;
import io.runnel.storage.LogConfig;
import io.runnel.storage.LogEnvironment;
import io.runnel.storage.MockTime;
import io.runnel.storage.RecoveryState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * Test support: one compacted partition log in {@code <parent>/topic-0} (or another directory name) with a manual clock and a real scheduler, plus
 * helpers to append string records and read back what a consumer would see. Close it in {@code @AfterEach}.
 */
final class CompactedLog implements AutoCloseable {
    static final long START_MS = 1_700_000_000_000L;

    /** The cleaner's bound for a log whose every record is committed: no bound but the active segment. */
    static final ToLongFunction<Log> ALL_COMMITTED = log -> Long.MAX_VALUE;

    /** A record as read back. */
    record Entry(long offset, @Nullable String key, @Nullable String value) {}

    final Path parent;
    final Path dir;
    final MockTime time;
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RecordBatchBuilder builder = new RecordBatchBuilder(1024);
    private LogConfig config;
    Log log;

    CompactedLog(Path parent, Map<String, ?> overrides) {
        this(parent, overrides, new MockTime(START_MS));
    }

    CompactedLog(Path parent, Map<String, ?> overrides, MockTime time) {
        this(parent, "topic-0", overrides, time);
    }

    CompactedLog(Path parent, String dirName, Map<String, ?> overrides, MockTime time) {
        this.parent = parent;
        this.dir = parent.resolve(dirName);
        this.time = time;
        this.config = config(overrides);
        this.log = Log.open(dir, config, RecoveryState.NONE, new LogEnvironment(time, scheduler));
    }

    /** A compacted config with small segments; {@code overrides} win. */
    static LogConfig config(Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(LogConfig.CLEANUP_POLICY, "compact");
        props.put(LogConfig.SEGMENT_BYTES, 1024);
        props.put(LogConfig.SEGMENT_INDEX_BYTES, 4096);
        props.put(LogConfig.INDEX_INTERVAL_BYTES, 256);
        props.put(LogConfig.MIN_CLEANABLE_DIRTY_RATIO, 0.01);
        props.put(LogConfig.DELETE_RETENTION_MS, 1000L);
        props.putAll(overrides);
        return LogConfig.fromMap(props);
    }

    /** A cleaner over just this log, not started. */
    LogCleaner cleaner(long dedupeBufferSize) {
        return cleaner(dedupeBufferSize, () -> List.of(log));
    }

    LogCleaner cleaner(long dedupeBufferSize, Supplier<List<Log>> logs) {
        return cleaner(dedupeBufferSize, logs, ALL_COMMITTED);
    }

    LogCleaner cleaner(long dedupeBufferSize, Supplier<List<Log>> logs, ToLongFunction<Log> maxCleanableOffset) {
        return new LogCleaner(
                new CleanerConfig(true, 1, dedupeBufferSize, 64 * 1024, java.time.Duration.ofSeconds(15)),
                logs,
                maxCleanableOffset,
                time);
    }

    /** Appends one record in its own batch; a null value is a tombstone. */
    long append(@Nullable String key, @Nullable String value) {
        builder.reset(0L);
        builder.append(time.milliseconds(), bytes(key), bytes(value));
        return appendBuilt();
    }

    /** Appends several records in one batch, compressed as asked. */
    long appendBatch(CompressionType compression, String... keyValues) {
        builder.reset(0L).compression(compression);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(time.milliseconds(), bytes(keyValues[i]), bytes(keyValues[i + 1]));
        }
        return appendBuilt();
    }

    private long appendBuilt() {
        ByteBuffer built = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(built.remaining()).put(built).flip();
        return log.appendAsLeader(copy, 0).firstOffset();
    }

    private static byte @Nullable [] bytes(@Nullable String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    /** Every record from the log start to the log end, through {@link Log#read}; checks each batch on the way. */
    List<Entry> readAll() {
        return readAll(log);
    }

    static List<Entry> readAll(Log from) {
        List<Entry> entries = new ArrayList<>();
        for (RecordBatch batch : readBatches(from)) {
            RecordCursor cursor = batch.cursor();
            while (cursor.next()) {
                entries.add(new Entry(cursor.offset(), string(cursor.key()), string(cursor.value())));
            }
        }
        return entries;
    }

    List<RecordBatch> readBatches() {
        return readBatches(log);
    }

    /** Every batch from the log start, each checked whole; offsets must increase across batches. */
    static List<RecordBatch> readBatches(Log from) {
        List<RecordBatch> batches = new ArrayList<>();
        long next = from.logStartOffset();
        long end = from.logEndOffset();
        long previousLast = -1;
        while (next < end) {
            FetchData data = from.read(next, 64 * 1024, Long.MAX_VALUE, true);
            boolean any = false;
            for (FileBatch fileBatch : data.records().batches()) {
                RecordBatch batch = load(fileBatch);
                batch.ensureValidRecords();
                if (batch.lastOffset() < next) {
                    continue;
                }
                assertThat(batch.baseOffset()).as("batch offsets increase").isGreaterThan(previousLast);
                previousLast = batch.lastOffset();
                batches.add(batch);
                next = batch.nextOffset();
                any = true;
            }
            if (!any) {
                break;
            }
        }
        return batches;
    }

    private static RecordBatch load(FileBatch fileBatch) {
        try {
            return fileBatch.load();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static @Nullable String string(@Nullable ByteBuffer buffer) {
        return buffer == null
                ? null
                : StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
    }

    /** Closes the log and opens it again from disk, trusting nothing (as after a crash). */
    void reopen() {
        log.close();
        log = Log.open(dir, config, RecoveryState.NONE, new LogEnvironment(time, scheduler));
    }

    @Override
    public void close() {
        log.close();
        scheduler.shutdownNow();
    }
}
