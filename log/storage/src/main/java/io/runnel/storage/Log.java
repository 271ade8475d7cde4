package io.runnel.storage;

import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.OffsetOutOfRangeException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.common.errors.StorageException;
import io.runnel.records.FileBatch;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.TimestampType;
import io.runnel.storage.index.TimestampOffset;
import io.runnel.storage.segment.LogSegment;
import io.runnel.storage.segment.SegmentSettings;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of one partition: an ordered, append-only sequence of record batches with dense offsets, stored as
 * segments in {@code <dir>} (named {@code <topic>-<partition>}).
 *
 * <h2>Design</h2>
 *
 * <pre>
 *   logStartOffset                                  recoveryPoint           logEndOffset
 *        |                                                |                        |
 *   [ seg 0 ][ seg 1200 ][ seg 2400 ] ... [ seg 9600 (active) ...........]
 *     ^ deleted whole by retention            flushed below | not yet fsynced
 * </pre>
 *
 * <p>Appends are validated first (CRC, framing, every record parsed, with a decompression buffer the log owns), then
 * given offsets in place ({@code baseOffset} and {@code partitionLeaderEpoch} are outside the CRC), written with one
 * positional write per append, indexed, and published by a volatile write of the log end. Reads take no lock: they
 * snapshot the log end and never read past its byte position, so they see only whole, published batches.
 *
 * <p>Segments roll on {@code segment.bytes}, {@code segment.ms}, a full index, or an offset that would overflow the
 * index's 32-bit relative offsets. A rolled segment is flushed in the background and the recovery point advances past
 * it, so recovery after a crash reads only the tail. Deleted segments are renamed {@code .deleted} and removed after
 * {@code file.delete.delay.ms}, so reads in flight finish.
 *
 * <h2>Idempotent producers</h2>
 *
 * <p>A {@link ProducerStateManager} keeps each producer's last batches for de-duplication. It is saved in {@code
 * <offset>.snapshot} files ({@link ProducerSnapshots}): at each roll, at the new segment's base offset, written by the
 * background flush once the rolled segment is on disk, and at close, at the log end, if everything is flushed. Opening
 * loads the newest snapshot at or below the log end (after recovery, if it crashed) and replays only the batch headers
 * after it; a truncation deletes the snapshots above the new end and reloads the same way. So a
 * producer whose segments retention deleted is still known after a restart, until {@link #removeExpiredProducers}
 * forgets it.
 *
 * <h2>Threads</h2>
 *
 * <p>Thread-safe. Writers (append, truncate, roll, retention, segment replacement, close) serialise on one lock;
 * readers run concurrently. The scheduler is the caller's (the {@link LogManager}'s) and runs background flushes and
 * file deletions; the log never shuts it down.
 */
public final class Log implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(Log.class);

    /** ListOffsets timestamp for the earliest offset. */
    public static final long EARLIEST_TIMESTAMP = -2L;
    /** ListOffsets timestamp for the latest offset (the log end). */
    public static final long LATEST_TIMESTAMP = -1L;
    /** ListOffsets timestamp for the record with the largest timestamp. */
    public static final long MAX_TIMESTAMP = -3L;

    private final Path dir;
    private final TopicPartition topicPartition;
    private final Time time;
    private final ScheduledExecutorService scheduler;
    private final FileRecords.ChannelOpener channels;
    private final String logPrefix;
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantLock flushLock = new ReentrantLock();
    private final ConcurrentSkipListMap<Long, LogSegment> segments;
    private final LogValidator validator = new LogValidator();
    // Serialises writing snapshot files (a background roll snapshot and the close snapshot may share an offset and so
    // a temporary file); taken before lock, never while holding it.
    private final ReentrantLock snapshotLock = new ReentrantLock();

    private volatile LogConfig config;
    private volatile LogOffsetMetadata logEnd;
    private volatile long logStartOffset;
    private volatile long recoveryPoint;
    private volatile long lastFlushMs;
    private volatile boolean closed;
    private int recoveredSegments;
    // Guarded by lock.
    private long unflushedRecords;
    // Guarded by lock: appends failed since the last one that succeeded; only the first is logged with its stack trace.
    private int appendFailuresInARow;
    // Guarded by lock: bumped by every truncation, so a flush that raced one does not advance the recovery point.
    private long truncationCount;
    // Guarded by lock (written in the constructor before the log is shared).
    private final ProducerStateManager producerState = new ProducerStateManager();
    // Guarded by lock.
    private final ProducerSnapshots producerSnapshots;
    // Guarded by lock: how many batch headers the last load of the producer state read.
    private long producerBatchesReplayed;
    // Guarded by lock: the expiration of the last removeExpiredProducers, applied again after a reload so a truncation
    // does not bring back producers already forgotten; Long.MAX_VALUE before the first check.
    private long producerExpirationMs = Long.MAX_VALUE;

    private Log(
            Path dir,
            LogConfig config,
            NavigableMap<Long, LogSegment> loaded,
            RecoveryState state,
            LogEnvironment env) {
        this.dir = dir;
        this.topicPartition = parseTopicPartition(dir);
        this.config = config;
        this.time = env.time();
        this.scheduler = env.scheduler();
        this.channels = env.channels();
        this.logPrefix = "[Log partition=" + topicPartition + "] ";
        this.segments = new ConcurrentSkipListMap<>(loaded);
        LogSegment active = segments.lastEntry().getValue();
        this.logEnd = new LogOffsetMetadata(active.readNextOffset(), active.baseOffset(), active.sizeInBytes());
        this.logStartOffset = Math.min(Math.max(state.logStartOffset(), segments.firstKey()), logEnd.offset());
        this.recoveryPoint = logEnd.offset();
        this.lastFlushMs = time.milliseconds();
        this.producerSnapshots = new ProducerSnapshots(dir, logPrefix);
    }

    /**
     * Loads the idempotent producers' state on open: snapshots above the (recovered) log end go, then the newest
     * remaining snapshot is loaded and the batch headers after it replayed. After a crash too, every snapshot at or
     * below the log end is trusted, not only those below the checkpointed recovery point: a snapshot is installed only
     * once the data below it has been flushed ({@link #writeSnapshot}), so that data survived the crash, while the
     * recovery-point checkpoint may lag it by a checkpoint interval (after retention or DeleteRecords removed the
     * segments of a producer, such a snapshot is the only record of it).
     */
    private void loadProducerState() throws IOException {
        long end = logEnd.offset();
        producerSnapshots.scan();
        producerSnapshots.deleteAbove(end);
        reloadProducerState(end);
    }

    /** Loads the producer state from the newest snapshot at or below {@code bound} and the batch headers after it. */
    private void reloadProducerState(long bound) {
        producerBatchesReplayed = producerSnapshots.load(producerState, segments, bound);
        if (producerExpirationMs != Long.MAX_VALUE) {
            producerState.removeExpired(time.milliseconds(), producerExpirationMs);
        }
    }

    /**
     * Opens (or creates) the log in {@code dir}, whose name must be {@code <topic>-<partition>}, recovering it as
     * {@code state} requires.
     *
     * @throws StorageException if the directory cannot be read or written
     */
    public static Log open(Path dir, LogConfig config, RecoveryState state, LogEnvironment env) {
        try {
            Files.createDirectories(dir);
            LogLoader loader = new LogLoader(
                    dir, settings(config, env.channels()), env.time().milliseconds());
            NavigableMap<Long, LogSegment> segments = loader.load(state);
            Log opened = new Log(dir, config, segments, state, env);
            try {
                opened.loadProducerState();
            } catch (IOException | RuntimeException e) {
                opened.closeSegments(e);
                throw e;
            }
            opened.recoveredSegments = loader.recoveredSegments();
            log.info(
                    "{}Loaded log with {} segments ({} recovered), offsets {} to {}, {} producers ({} batch headers"
                            + " read)",
                    opened.logPrefix,
                    segments.size(),
                    opened.recoveredSegments,
                    opened.logStartOffset,
                    opened.logEnd.offset(),
                    opened.producerState.producerCount(),
                    opened.producerBatchesReplayed);
            return opened;
        } catch (IOException e) {
            throw LogLoader.storageError(dir, "open", e);
        }
    }

    /** The segment settings of {@code config}, opening files with {@code channels}. */
    public static SegmentSettings settings(LogConfig config, FileRecords.ChannelOpener channels) {
        return new SegmentSettings(
                config.segmentBytes(),
                config.segmentMs().toMillis(),
                config.segmentIndexBytes(),
                config.indexIntervalBytes(),
                channels);
    }

    /** The settings new segments of this log get: its current config, its file opener. */
    public SegmentSettings segmentSettings() {
        return settings(config, channels);
    }

    /** Parses {@code <topic>-<partition>} from a directory name. */
    public static TopicPartition parseTopicPartition(Path dir) {
        String name = dir.getFileName().toString();
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            throw new IllegalArgumentException("log directory name " + name + " is not <topic>-<partition>");
        }
        try {
            return new TopicPartition(name.substring(0, dash), Integer.parseInt(name.substring(dash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("log directory name " + name + " is not <topic>-<partition>", e);
        }
    }

    public Path dir() {
        return dir;
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public LogConfig config() {
        return config;
    }

    /**
     * Applies a new topic config, as after AlterConfigs, without stopping the log.
     *
     * <p>Who sees the change when: the config is one volatile reference, read once per operation, so every operation
     * runs wholly under the old config or wholly under the new one. An append already holding the writer lock
     * finishes under the config it started with; the next append validates against the new {@code
     * max.message.bytes}, timestamp rules and {@code flush.messages}, and rolls the active segment when it passes the
     * new {@code segment.bytes} or {@code segment.ms}. The next retention pass ({@link #deleteOldSegments()}) and the
     * next cleaner pass use the new {@code retention.*}, {@code cleanup.policy} and compaction settings; a cleaning
     * pass already running finishes with the config it read. {@code segment.index.bytes} and {@code
     * index.interval.bytes} apply to segments created after the change, since a segment's index is sized when it is
     * opened (as in Kafka).
     */
    public void updateConfig(LogConfig newConfig) {
        LogConfig old = config;
        this.config = newConfig;
        if (!old.equals(newConfig)) {
            log.info("{}Config changed to {}", logPrefix, newConfig);
        }
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEnd.offset();
    }

    /** Offsets below this are known to be on disk. */
    public long recoveryPoint() {
        return recoveryPoint;
    }

    /** How many segments were read and validated in full when the log was opened: 0 after a clean shutdown. */
    public int segmentsRecoveredOnOpen() {
        return recoveredSegments;
    }

    public int numberOfSegments() {
        return segments.size();
    }

    /** Total bytes of all segments. */
    public long sizeInBytes() {
        long size = 0;
        for (LogSegment segment : segments.values()) {
            size += segment.sizeInBytes();
        }
        return size;
    }

    /** A snapshot of the segments in offset order, for the cleaner and tests. */
    public List<LogSegment> segments() {
        return List.copyOf(segments.values());
    }

    public LogSegment activeSegment() {
        return segments.lastEntry().getValue();
    }

    /**
     * Appends batches from a producer. The batches are validated, then given offsets from the log end, the leader
     * epoch, and under {@code LogAppendTime} the broker's time, by rewriting their headers in place: the caller hands
     * over the buffer's contents.
     *
     * @throws io.runnel.common.errors.CorruptRecordException if a batch is malformed or fails its CRC; nothing is
     *     written
     * @throws io.runnel.common.errors.InvalidRecordException if a batch is not acceptable from a client
     * @throws RecordTooLargeException if a batch exceeds {@code max.message.bytes} or the append exceeds a segment
     * @throws io.runnel.common.errors.InvalidTimestampException if a timestamp is out of the accepted range
     * @throws StorageException on a disk error; the log is cut back to its last good end
     */
    public LogAppendInfo appendAsLeader(ByteBuffer batches, int leaderEpoch) {
        return append(batches, true, leaderEpoch);
    }

    /**
     * Appends batches that already carry offsets, as a follower copies them from the leader. The first offset must be
     * at or after the log end, and offsets must increase.
     *
     * @throws io.runnel.common.errors.InvalidRecordException if the offsets go backwards
     */
    public LogAppendInfo appendAsFollower(ByteBuffer batches) {
        return append(batches, false, RecordBatch.NO_PARTITION_LEADER_EPOCH);
    }

    private LogAppendInfo append(ByteBuffer batches, boolean assignOffsets, int leaderEpoch) {
        LogConfig currentConfig = config;
        MemoryRecords records = MemoryRecords.wrap(batches);
        long now = time.milliseconds();
        LogValidator.Result result;
        LogAppendInfo info;
        boolean flushNow;
        lock.lock();
        try {
            checkOpen();
            // Validation uses the validator's decompression buffer, so it runs under the lock as well.
            result = validator.validate(records, currentConfig, assignOffsets, now);
            if (result.validBytes() > currentConfig.segmentBytes()) {
                throw new RecordTooLargeException("append of " + result.validBytes()
                        + " bytes is larger than segment.bytes " + currentConfig.segmentBytes());
            }
            if (assignOffsets) {
                ProducerStateManager.BatchMetadata duplicate = producerState.checkAppend(result.batches());
                if (duplicate != null) {
                    log.debug("{}Duplicate producer batch {}: answered, not appended", logPrefix, duplicate);
                    return duplicateAppend(duplicate, currentConfig);
                }
            }
            info = appendValidated(records, result, assignOffsets, leaderEpoch, currentConfig, now);
            List<RecordBatch> validated = result.batches();
            for (int i = 0; i < validated.size(); i++) {
                RecordBatch batch = validated.get(i);
                if (batch.producerId() != RecordBatch.NO_PRODUCER_ID && !batch.isControlBatch()) {
                    producerState.update(
                            batch.producerId(),
                            batch.producerEpoch(),
                            batch.baseSequence(),
                            batch.lastSequence(),
                            batch.baseOffset(),
                            batch.lastOffset(),
                            batch.maxTimestamp());
                }
            }
            flushNow = unflushedRecords >= currentConfig.flushMessages();
        } finally {
            lock.unlock();
        }
        if (flushNow) {
            flush(info.lastOffset() + 1);
        }
        return info;
    }

    /** The answer to a retried batch already in the log: its original offsets; nothing is written. */
    private LogAppendInfo duplicateAppend(ProducerStateManager.BatchMetadata duplicate, LogConfig currentConfig) {
        boolean appendTime = currentConfig.timestampType() == TimestampType.LOG_APPEND_TIME;
        return new LogAppendInfo(
                duplicate.firstOffset(),
                duplicate.lastOffset(),
                duplicate.timestamp(),
                duplicate.lastOffset(),
                appendTime ? duplicate.timestamp() : RecordBatch.NO_TIMESTAMP,
                0,
                0,
                logStartOffset);
    }

    private LogAppendInfo appendValidated(
            MemoryRecords records,
            LogValidator.Result result,
            boolean assignOffsets,
            int leaderEpoch,
            LogConfig currentConfig,
            long now) {
        long firstOffset;
        long lastOffset;
        long maxTimestamp = result.maxTimestamp();
        long offsetOfMaxTimestamp = -1L;
        long logAppendTime = RecordBatch.NO_TIMESTAMP;
        boolean appendTime = assignOffsets && currentConfig.timestampType() == TimestampType.LOG_APPEND_TIME;
        if (assignOffsets) {
            long next = logEnd.offset();
            firstOffset = next;
            if (appendTime) {
                logAppendTime = now;
                maxTimestamp = now;
            }
            List<RecordBatch> batches = result.batches();
            for (int index = 0; index < batches.size(); index++) {
                RecordBatch batch = batches.get(index);
                batch.setBaseOffset(next);
                batch.setPartitionLeaderEpoch(leaderEpoch);
                if (appendTime) {
                    batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, now);
                }
                if (index == (appendTime ? 0 : result.maxTimestampBatch())) {
                    offsetOfMaxTimestamp = batch.lastOffset();
                }
                next = batch.nextOffset();
            }
            lastOffset = next - 1;
        } else {
            firstOffset = result.firstOffset();
            lastOffset = result.lastOffset();
            if (firstOffset < logEnd.offset()) {
                throw new io.runnel.common.errors.InvalidRecordException(
                        "follower append at offset " + firstOffset + " is below the log end offset " + logEnd.offset());
            }
            offsetOfMaxTimestamp =
                    result.batches().get(result.maxTimestampBatch()).lastOffset();
        }
        LogSegment segment = maybeRoll(result.validBytes(), maxTimestamp, firstOffset, lastOffset, currentConfig, now);
        ByteBuffer bytes = records.buffer();
        try {
            segment.append(lastOffset, maxTimestamp, offsetOfMaxTimestamp, bytes);
        } catch (IOException e) {
            throw failedAppend(segment, e);
        }
        if (appendFailuresInARow > 0) {
            log.info("{}Append succeeded again after {} failed in a row", logPrefix, appendFailuresInARow);
            appendFailuresInARow = 0;
        }
        logEnd = new LogOffsetMetadata(lastOffset + 1, segment.baseOffset(), segment.sizeInBytes());
        unflushedRecords += result.recordCount();
        if (log.isTraceEnabled()) {
            log.trace(
                    "{}Appended {} records at offsets {} to {}",
                    logPrefix,
                    result.recordCount(),
                    firstOffset,
                    lastOffset);
        }
        return new LogAppendInfo(
                firstOffset,
                lastOffset,
                maxTimestamp,
                offsetOfMaxTimestamp,
                logAppendTime,
                result.recordCount(),
                result.validBytes(),
                logStartOffset);
    }

    /**
     * Cuts the segment file back to its size before the failed write (bytes that reached the file are past it), so no
     * partial batch is ever read or recovered. A producer retries a failed append, and the cause (a full disk, a file
     * made read-only) usually stays: the first failure in a row is logged with its stack trace, the next ones in one
     * line with their count, and the first append that works again says so.
     */
    private StorageException failedAppend(LogSegment segment, IOException cause) {
        try {
            segment.records().truncateTo(segment.records().sizeInBytes());
        } catch (IOException | RuntimeException truncateFailure) {
            cause.addSuppressed(truncateFailure);
        }
        appendFailuresInARow++;
        if (appendFailuresInARow == 1) {
            log.error("{}Append failed; the log stays at offset {}", logPrefix, logEnd.offset(), cause);
        } else {
            log.warn(
                    "{}Append failed again ({} in a row); the log stays at offset {}: {}",
                    logPrefix,
                    appendFailuresInARow,
                    logEnd.offset(),
                    cause.toString());
        }
        return new StorageException(
                "append to " + topicPartition + " failed: " + cause.getMessage() + "; nothing was written", cause);
    }

    private LogSegment maybeRoll(
            int size, long maxTimestamp, long firstOffset, long lastOffset, LogConfig currentConfig, long now) {
        LogSegment active = activeSegment();
        if (active.shouldRoll(
                        size,
                        maxTimestamp,
                        lastOffset,
                        now,
                        currentConfig.segmentBytes(),
                        currentConfig.segmentMs().toMillis())
                || firstOffset - active.baseOffset() > Integer.MAX_VALUE) {
            return roll(Math.max(firstOffset, logEnd.offset()));
        }
        return active;
    }

    /** Starts a new active segment at the log end offset; the old one is flushed in the background. */
    public LogSegment roll() {
        lock.lock();
        try {
            checkOpen();
            return roll(logEnd.offset());
        } finally {
            lock.unlock();
        }
    }

    private LogSegment roll(long newBaseOffset) {
        LogSegment active = activeSegment();
        if (active.baseOffset() == newBaseOffset && active.sizeInBytes() == 0) {
            return active;
        }
        try {
            active.onBecomeInactive();
            LogSegment segment = LogSegment.open(dir, newBaseOffset, segmentSettings(), time.milliseconds(), "");
            segments.put(newBaseOffset, segment);
            logEnd = new LogOffsetMetadata(logEnd.offset(), newBaseOffset, 0);
            log.debug("{}Rolled new segment at offset {}", logPrefix, newBaseOffset);
            // The state now is the state as of the new base offset: every batch below it, none after.
            scheduleFlush(newBaseOffset, new PendingSnapshot(newBaseOffset, producerState.entries(), truncationCount));
            return segment;
        } catch (IOException e) {
            throw new StorageException(
                    OpenFilesLimit.describe(
                            "cannot roll a new segment of " + topicPartition + ": " + e.getMessage(), e),
                    e);
        }
    }

    /** The producer state at a roll, written once the rolled segment is on disk, unless a truncation came between. */
    private record PendingSnapshot(long offset, List<ProducerStateManager.Entry> entries, long truncationCount) {}

    private void scheduleFlush(long upTo, PendingSnapshot snapshot) {
        try {
            scheduler.execute(() -> {
                try {
                    flush(upTo);
                    writeSnapshot(snapshot);
                } catch (RuntimeException e) {
                    log.error("{}Background flush up to {} failed", logPrefix, upTo, e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The manager is shutting down; its shutdown flushes everything.
            log.debug("{}Background flush not scheduled: scheduler is shut down", logPrefix);
        }
    }

    /**
     * Writes the snapshot of a roll: prepared (written and forced) outside the writer lock, installed under it only if
     * its data is flushed, no truncation happened since the roll and the log is open. A failure loses only the
     * snapshot (the next load starts from an older one), so it is logged, not thrown.
     */
    private void writeSnapshot(PendingSnapshot snapshot) {
        snapshotLock.lock();
        try {
            // close() sets closed while holding snapshotLock, so no file is created in the directory of a closed log
            // (which its owner may be deleting).
            if (closed) {
                return;
            }
            Path prepared = producerSnapshots.prepare(snapshot.offset(), snapshot.entries());
            boolean installed = false;
            lock.lock();
            try {
                if (!closed && truncationCount == snapshot.truncationCount() && recoveryPoint >= snapshot.offset()) {
                    producerSnapshots.install(prepared, snapshot.offset());
                    producerSnapshots.deleteBelow(logStartOffset);
                    installed = true;
                }
            } finally {
                lock.unlock();
            }
            if (installed) {
                producerSnapshots.forceDirectory();
            } else {
                producerSnapshots.discard(prepared);
            }
        } catch (IOException | StorageException e) {
            log.warn("{}Failed to write the producer snapshot at offset {}", logPrefix, snapshot.offset(), e);
        } finally {
            snapshotLock.unlock();
        }
    }

    /**
     * Forgets the idempotent producers whose newest batch is {@code expiration} or more older than now, as Kafka does
     * after {@code producer.id.expiration.ms}; they may then start at any sequence. The next snapshot no longer holds
     * them.
     *
     * @return how many producers were forgotten
     */
    public int removeExpiredProducers(Duration expiration) {
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            producerExpirationMs = expiration.toMillis();
            int removed = producerState.removeExpired(time.milliseconds(), producerExpirationMs);
            if (removed > 0) {
                log.debug("{}Forgot {} producers idle for {}", logPrefix, removed, expiration);
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** The idempotent producers' state, by producer id; for tests. */
    List<ProducerStateManager.Entry> producerStateEntries() {
        return withLock(producerState::entries);
    }

    /** The offsets of the producer snapshots on disk, ascending; for tests. */
    List<Long> producerSnapshotOffsets() {
        return withLock(() -> List.copyOf(producerSnapshots.offsets()));
    }

    /** How many batch headers the last load of the producer state (open or truncation) read; for tests. */
    long producerBatchesReplayed() {
        return withLock(() -> producerBatchesReplayed);
    }

    /**
     * Reads batches from the one holding {@code startOffset}.
     *
     * @param maxBytes the most bytes to return
     * @param maxOffset return no batch that starts at or after this offset (the high watermark for consumers), or
     *     {@link Long#MAX_VALUE}
     * @param minOneBatch return the first batch whole even if larger than {@code maxBytes}
     * @throws OffsetOutOfRangeException if {@code startOffset} is below the log start or past the log end
     */
    public FetchData read(long startOffset, int maxBytes, long maxOffset, boolean minOneBatch) {
        LogOffsetMetadata end = logEnd;
        long start = logStartOffset;
        if (startOffset < start || startOffset > end.offset()) {
            throw new OffsetOutOfRangeException("offset " + startOffset + " is out of range for " + topicPartition
                    + ": log start offset " + start + ", log end offset " + end.offset());
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(startOffset);
        while (entry != null && startOffset < end.offset() && startOffset < maxOffset) {
            LogSegment segment = entry.getValue();
            long maxPosition = segment.baseOffset() == end.segmentBaseOffset() ? end.position() : segment.sizeInBytes();
            maxPosition = Math.min(maxPosition, positionOf(segment, maxOffset, maxPosition));
            FileRecords slice = segment.read(startOffset, maxBytes, maxPosition, minOneBatch);
            if (slice != null) {
                return new FetchData(slice, start, end.offset());
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return new FetchData(activeSegment().records().slice(0, 0), start, end.offset());
    }

    /**
     * The byte position in {@code segment} where the batch holding {@code offset} begins (so that batch and all after
     * it are excluded), capped by {@code cap}.
     */
    private static long positionOf(LogSegment segment, long offset, long cap) {
        if (offset == Long.MAX_VALUE) {
            return cap;
        }
        if (offset <= segment.baseOffset()) {
            return 0;
        }
        FileBatch batch = segment.translateOffset(offset, 0);
        return batch == null ? cap : Math.min(cap, batch.position());
    }

    /**
     * The offset to start reading at for a ListOffsets request: the log start for {@link #EARLIEST_TIMESTAMP}, the log
     * end for {@link #LATEST_TIMESTAMP}, the record with the largest timestamp for {@link #MAX_TIMESTAMP}, otherwise
     * the first record with a timestamp {@code >= timestamp}.
     *
     * @return the timestamp and offset found, or empty if no record is that recent
     */
    public Optional<TimestampOffset> fetchOffsetByTimestamp(long timestamp) {
        if (timestamp == EARLIEST_TIMESTAMP) {
            return Optional.of(new TimestampOffset(RecordBatch.NO_TIMESTAMP, logStartOffset));
        }
        if (timestamp == LATEST_TIMESTAMP) {
            return Optional.of(new TimestampOffset(RecordBatch.NO_TIMESTAMP, logEndOffset()));
        }
        try {
            if (timestamp == MAX_TIMESTAMP) {
                return maxTimestampOffset();
            }
            long start = logStartOffset;
            for (LogSegment segment : segments.values()) {
                if (segment.maxTimestampSoFar() < timestamp) {
                    continue;
                }
                TimestampOffset found = segment.findOffsetByTimestamp(timestamp, start);
                if (found != null) {
                    return Optional.of(found);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot search " + topicPartition + " by timestamp: " + e.getMessage(), e);
        }
    }

    private Optional<TimestampOffset> maxTimestampOffset() throws IOException {
        LogSegment best = null;
        for (LogSegment segment : segments.values()) {
            if (best == null || segment.maxTimestampSoFar() > best.maxTimestampSoFar()) {
                best = segment;
            }
        }
        if (best == null || best.maxTimestampSoFar() < 0) {
            return Optional.empty();
        }
        TimestampOffset found = best.findOffsetByTimestamp(best.maxTimestampSoFar(), logStartOffset);
        return Optional.ofNullable(found);
    }

    /** Forces everything to disk and advances the recovery point to the log end. */
    public void flush() {
        flush(logEndOffset());
    }

    /** Forces segments holding offsets below {@code offset} to disk and advances the recovery point to it. */
    public void flush(long offset) {
        // Serialise flushers, but fsync outside the writer lock: appends go on while segments are forced to disk.
        flushLock.lock();
        try {
            List<LogSegment> toFlush;
            long target;
            long truncations;
            long unflushedAtSnapshot;
            lock.lock();
            try {
                target = Math.min(offset, logEnd.offset());
                if (closed || target <= recoveryPoint) {
                    return;
                }
                Long floor = segments.floorKey(recoveryPoint);
                long from = floor == null ? segments.firstKey() : floor;
                // Segments holding offsets in [recoveryPoint, target): from the one holding the recovery point up to,
                // not including, a segment that starts at or after target. Empty when retention removed them.
                toFlush = from < target
                        ? List.copyOf(segments.subMap(from, true, target, false).values())
                        : List.of();
                truncations = truncationCount;
                unflushedAtSnapshot = unflushedRecords;
            } finally {
                lock.unlock();
            }
            try {
                for (LogSegment segment : toFlush) {
                    // The segment holding the new recovery point is recovered (indexes rebuilt) after a crash, so
                    // only its records must be durable; segments wholly below it must have durable indexes too.
                    if (segment == toFlush.get(toFlush.size() - 1) && holdsRecoveryPoint(segment, target)) {
                        segment.flushRecords();
                    } else {
                        segment.flush();
                    }
                }
            } catch (ClosedChannelException e) {
                log.debug("{}Segment closed while flushing: it was deleted", logPrefix);
            } catch (IOException e) {
                throw new StorageException("cannot flush " + topicPartition + ": " + e.getMessage(), e);
            }
            lock.lock();
            try {
                // A truncation meanwhile may have replaced flushed offsets with new, unflushed data.
                if (truncations == truncationCount && target > recoveryPoint) {
                    recoveryPoint = target;
                }
                lastFlushMs = time.milliseconds();
                unflushedRecords = Math.max(0, unflushedRecords - unflushedAtSnapshot);
            } finally {
                lock.unlock();
            }
        } finally {
            flushLock.unlock();
        }
    }

    /** Whether {@code segment} may still hold offsets at or above {@code target}: the recovery point lands in it. */
    private boolean holdsRecoveryPoint(LogSegment segment, long target) {
        Map.Entry<Long, LogSegment> next = segments.higherEntry(segment.baseOffset());
        return next == null || next.getKey() > target;
    }

    /** Milliseconds since the last flush, for the {@code flush.ms} policy. */
    public long timeSinceLastFlushMs() {
        return time.milliseconds() - lastFlushMs;
    }

    /**
     * Removes every record at or after {@code targetOffset}, as a follower does to drop history that diverged from the
     * leader's.
     *
     * @return whether anything was removed
     */
    public boolean truncateTo(long targetOffset) {
        if (targetOffset < 0) {
            throw new IllegalArgumentException("cannot truncate to a negative offset: " + targetOffset);
        }
        lock.lock();
        try {
            checkOpen();
            if (targetOffset >= logEnd.offset()) {
                return false;
            }
            if (targetOffset < segments.firstKey()) {
                truncateFullyAndStartAt(targetOffset);
                return true;
            }
            List<LogSegment> removed =
                    new ArrayList<>(segments.tailMap(targetOffset, false).values());
            for (LogSegment segment : removed) {
                segments.remove(segment.baseOffset());
            }
            deleteSegmentFiles(removed);
            LogSegment active = activeSegment();
            active.truncateTo(targetOffset);
            logEnd = new LogOffsetMetadata(active.readNextOffset(), active.baseOffset(), active.sizeInBytes());
            recoveryPoint = Math.min(recoveryPoint, logEnd.offset());
            truncationCount++;
            logStartOffset = Math.min(logStartOffset, logEnd.offset());
            producerSnapshots.deleteAbove(logEnd.offset());
            reloadProducerState(logEnd.offset());
            log.info("{}Truncated to offset {}", logPrefix, targetOffset);
            return true;
        } catch (IOException e) {
            throw new StorageException("cannot truncate " + topicPartition + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Deletes every segment and starts an empty log at {@code newOffset}. */
    public void truncateFullyAndStartAt(long newOffset) {
        if (newOffset < 0) {
            throw new IllegalArgumentException("new log start offset must be >= 0: " + newOffset);
        }
        lock.lock();
        try {
            checkOpen();
            List<LogSegment> removed = new ArrayList<>(segments.values());
            LogSegment segment = LogSegment.open(dir, newOffset, segmentSettings(), time.milliseconds(), ".new");
            segments.clear();
            deleteSegmentFiles(removed);
            segment.changeFileSuffixes(".new", "");
            segments.put(newOffset, segment);
            logEnd = new LogOffsetMetadata(newOffset, newOffset, 0);
            logStartOffset = newOffset;
            recoveryPoint = newOffset;
            truncationCount++;
            // The whole history is replaced, so no snapshot describes the new log.
            producerSnapshots.deleteAll();
            producerState.clear();
            log.info("{}Truncated fully; the log now starts at offset {}", logPrefix, newOffset);
        } catch (IOException e) {
            throw new StorageException("cannot reset " + topicPartition + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Advances the log start offset, as DeleteRecords does: records below it become unreadable at once, and whole
     * segments below it are deleted.
     *
     * @return the log start offset afterwards
     * @throws OffsetOutOfRangeException if {@code newStartOffset} is past the log end
     */
    public long deleteRecordsBefore(long newStartOffset) {
        lock.lock();
        try {
            checkOpen();
            if (newStartOffset > logEnd.offset()) {
                throw new OffsetOutOfRangeException("cannot delete records before " + newStartOffset + " in "
                        + topicPartition + ": the log end offset is " + logEnd.offset());
            }
            if (newStartOffset > logStartOffset) {
                logStartOffset = newStartOffset;
                log.info("{}Log start offset advanced to {}", logPrefix, newStartOffset);
                deleteSegments(
                        (segment, next) -> next != null && next.baseOffset() <= logStartOffset, "log start offset");
            }
            return logStartOffset;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies retention: with {@code cleanup.policy} delete, segments past {@code retention.ms} or beyond {@code
     * retention.bytes}; always, segments wholly below the log start offset.
     *
     * @return the number of segments deleted
     */
    public int deleteOldSegments() {
        lock.lock();
        try {
            if (closed) {
                return 0;
            }
            LogConfig current = config;
            int deleted = deleteSegments(
                    (segment, next) -> next != null && next.baseOffset() <= logStartOffset, "log start offset");
            if (current.delete()) {
                if (current.retention() != null) {
                    long limit = time.milliseconds() - current.retention().toMillis();
                    deleted += deleteSegments((segment, next) -> largestTimestamp(segment) < limit, "retention.ms");
                }
                if (current.retentionBytes() >= 0) {
                    long[] excess = {sizeInBytes() - current.retentionBytes()};
                    deleted += deleteSegments(
                            (segment, next) -> {
                                if (excess[0] - segment.sizeInBytes() >= 0) {
                                    excess[0] -= segment.sizeInBytes();
                                    return true;
                                }
                                return false;
                            },
                            "retention.bytes");
                }
            }
            return deleted;
        } finally {
            lock.unlock();
        }
    }

    private long largestTimestamp(LogSegment segment) {
        try {
            return segment.largestTimestamp();
        } catch (IOException e) {
            throw new StorageException("cannot read segment time of " + topicPartition + ": " + e.getMessage(), e);
        }
    }

    /** Deletes segments from the oldest while {@code deletable} holds; the caller holds the lock. */
    private int deleteSegments(BiPredicate<LogSegment, @Nullable LogSegment> deletable, String reason) {
        List<LogSegment> doomed = new ArrayList<>();
        for (LogSegment segment : segments.values()) {
            Map.Entry<Long, LogSegment> higher = segments.higherEntry(segment.baseOffset());
            LogSegment next = higher == null ? null : higher.getValue();
            boolean isActive = next == null;
            if ((isActive && segment.sizeInBytes() == 0) || !deletable.test(segment, next)) {
                break;
            }
            doomed.add(segment);
        }
        if (doomed.isEmpty()) {
            return 0;
        }
        if (doomed.get(doomed.size() - 1) == activeSegment()) {
            roll(logEnd.offset());
        }
        for (LogSegment segment : doomed) {
            segments.remove(segment.baseOffset());
        }
        logStartOffset = Math.max(logStartOffset, segments.firstKey());
        log.info(
                "{}Deleting {} segments for {}; log start offset is now {}",
                logPrefix,
                doomed.size(),
                reason,
                logStartOffset);
        deleteSegmentFiles(doomed);
        producerSnapshots.deleteBelow(logStartOffset);
        return doomed.size();
    }

    /**
     * Renames the segments' files {@code .deleted} now and deletes them after {@code file.delete.delay.ms}, so reads
     * in flight finish first.
     */
    void deleteSegmentFiles(List<LogSegment> doomed) {
        List<LogSegment> renamed = new ArrayList<>();
        for (LogSegment segment : doomed) {
            try {
                segment.changeFileSuffixes("", LogSegment.DELETED_SUFFIX);
                renamed.add(segment);
            } catch (IOException e) {
                throw new StorageException("cannot delete a segment of " + topicPartition + ": " + e.getMessage(), e);
            }
        }
        Runnable delete = () -> {
            for (LogSegment segment : renamed) {
                try {
                    segment.deleteIfExists();
                } catch (IOException e) {
                    log.warn("{}Failed to delete segment files of {}", logPrefix, segment.baseOffset(), e);
                }
            }
        };
        try {
            scheduler.schedule(delete, config.fileDeleteDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            delete.run();
        }
    }

    /**
     * Replaces {@code oldSegments} with {@code replacement}, which the cleaner wrote with the {@code .cleaned}
     * suffix and whose base offset is the first old segment's. Crash-safe through a {@code .swap} rename that {@link
     * LogLoader} completes on the next open.
     */
    public void replaceSegments(LogSegment replacement, List<LogSegment> oldSegments) {
        lock.lock();
        try {
            checkOpen();
            replacement.changeFileSuffixes(LogSegment.CLEANED_SUFFIX, LogSegment.SWAP_SUFFIX);
            List<LogSegment> stillPresent = new ArrayList<>();
            for (LogSegment old : oldSegments) {
                if (segments.get(old.baseOffset()) == old) {
                    stillPresent.add(old);
                }
            }
            // On disk: the old files go (renamed .deleted) before the swap file takes their place, so a crash leaves
            // either the old segments or the swap file that recovery completes, never both.
            deleteSegmentFiles(stillPresent);
            replacement.changeFileSuffixes(LogSegment.SWAP_SUFFIX, "");
            // In memory: the replacement takes the first old segment's slot in one put, then the others go, so a
            // lock-free reader always finds a segment covering every offset (old or cleaned), never a hole.
            segments.put(replacement.baseOffset(), replacement);
            for (LogSegment old : stillPresent) {
                if (old.baseOffset() != replacement.baseOffset()) {
                    segments.remove(old.baseOffset(), old);
                }
            }
            logStartOffset = Math.max(logStartOffset, segments.firstKey());
        } catch (IOException e) {
            throw new StorageException(
                    "cannot swap in cleaned segments of " + topicPartition + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} under the log lock, for the cleaner to decide against a stable set of segments. */
    public <T> T withLock(java.util.function.Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException("log " + topicPartition + " is closed");
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Flushes nothing; writes a producer snapshot at the log end if everything is flushed (as after {@link #flush()}, so
     * the next open replays nothing), and closes every segment, trimming indexes. Idempotent.
     */
    @Override
    public void close() {
        snapshotLock.lock();
        try {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (recoveryPoint >= logEnd.offset()) {
                    writeCloseSnapshot();
                }
                closeSegments(null);
            } finally {
                lock.unlock();
            }
        } finally {
            snapshotLock.unlock();
        }
    }

    private void writeCloseSnapshot() {
        long offset = logEnd.offset();
        try {
            producerSnapshots.install(producerSnapshots.prepare(offset, producerState.entries()), offset);
            producerSnapshots.forceDirectory();
        } catch (IOException | StorageException e) {
            log.warn("{}Failed to write the producer snapshot at close, offset {}", logPrefix, offset, e);
        }
    }

    /**
     * Closes every segment.
     *
     * @param cause a failure already being thrown, to which a close failure is added; null to throw a close failure
     */
    private void closeSegments(@Nullable Exception cause) {
        IOException failure = null;
        for (LogSegment segment : segments.values()) {
            try {
                segment.close();
            } catch (IOException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                } else if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw new StorageException("cannot close " + topicPartition + ": " + failure.getMessage(), failure);
        }
    }

    /** Closes the log and deletes its directory. */
    public void delete() {
        close();
        try (var files = Files.walk(dir)) {
            List<Path> paths = files.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new StorageException("cannot delete log " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Log(" + topicPartition + ", offsets " + logStartOffset + ".." + logEndOffset() + ", segments "
                + segments.size() + ")";
    }
}
