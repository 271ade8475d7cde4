package io.runnel.storage.segment;

import io.runnel.common.errors.CorruptRecordException;
import io.runnel.records.FileBatch;
import io.runnel.records.FileRecords;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordCursor;
import io.runnel.storage.index.OffsetIndex;
import io.runnel.storage.index.OffsetPosition;
import io.runnel.storage.index.TimeIndex;
import io.runnel.storage.index.TimestampOffset;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One segment of a partition log: a {@code .log} file of record batches whose offsets start at {@link #baseOffset()},
 * with its sparse {@code .index} (offset to position) and {@code .timeindex} (timestamp to offset). Files are named by
 * the base offset, zero-padded to 20 digits, as Kafka names them.
 *
 * <p>Not thread-safe for writers: {@link #append}, {@link #truncateTo}, {@link #recover} and {@link #onBecomeInactive}
 * run under the owning log's lock. Reads ({@link #read}, {@link #findOffsetByTimestamp}) may run concurrently with an
 * append; the caller bounds them by a position it knows to be written.
 */
public final class LogSegment implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(LogSegment.class);

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";
    public static final String DELETED_SUFFIX = ".deleted";
    public static final String CLEANED_SUFFIX = ".cleaned";
    public static final String SWAP_SUFFIX = ".swap";

    private final long baseOffset;
    private final FileRecords records;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final SegmentSettings settings;
    private final long createdMs;

    private int bytesSinceLastIndexEntry;
    private volatile long maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
    private volatile long offsetOfMaxTimestampSoFar = -1L;
    private long rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
    private boolean closed;

    private LogSegment(
            long baseOffset,
            FileRecords records,
            OffsetIndex offsetIndex,
            TimeIndex timeIndex,
            SegmentSettings settings,
            long createdMs) {
        this.baseOffset = baseOffset;
        this.records = records;
        this.offsetIndex = offsetIndex;
        this.timeIndex = timeIndex;
        this.settings = settings;
        this.createdMs = createdMs;
    }

    /**
     * Opens the segment with base offset {@code baseOffset} in {@code dir}, creating empty files if absent. The
     * file names carry {@code suffix} after the usual extension ("" normally; {@link #CLEANED_SUFFIX} while the log
     * cleaner writes a replacement).
     */
    public static LogSegment open(Path dir, long baseOffset, SegmentSettings settings, long nowMs, String suffix)
            throws IOException {
        FileRecords records =
                FileRecords.open(dir.resolve(fileName(baseOffset, LOG_SUFFIX) + suffix), settings.channels());
        OffsetIndex offsetIndex = null;
        try {
            offsetIndex = new OffsetIndex(
                    dir.resolve(fileName(baseOffset, INDEX_SUFFIX) + suffix), baseOffset, settings.maxIndexBytes());
            TimeIndex timeIndex = new TimeIndex(
                    dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX) + suffix),
                    baseOffset,
                    settings.maxIndexBytes());
            return new LogSegment(baseOffset, records, offsetIndex, timeIndex, settings, nowMs);
        } catch (IOException | RuntimeException e) {
            records.close();
            if (offsetIndex != null) {
                offsetIndex.close();
            }
            throw e;
        }
    }

    /** {@code 00000000000000001234.log} for base offset 1234 and suffix {@code .log}. */
    public static String fileName(long offset, String suffix) {
        return String.format(Locale.ROOT, "%020d", offset) + suffix;
    }

    /** The base offset a segment file's name encodes, or -1 if the name is not a segment file's. */
    public static long parseBaseOffset(String fileName) {
        int dot = fileName.indexOf('.');
        if (dot != 20) {
            return -1L;
        }
        try {
            return Long.parseLong(fileName.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    public long baseOffset() {
        return baseOffset;
    }

    public FileRecords records() {
        return records;
    }

    public OffsetIndex offsetIndex() {
        return offsetIndex;
    }

    public TimeIndex timeIndex() {
        return timeIndex;
    }

    public int sizeInBytes() {
        return records.sizeInBytes();
    }

    /** The largest record timestamp in the segment, or -1 if it has none. */
    public long maxTimestampSoFar() {
        return maxTimestampSoFar;
    }

    /** Whether the segment's files are checked to be sane: whole index entries in order. */
    public void sanityCheck() {
        offsetIndex.sanityCheck();
        timeIndex.sanityCheck();
    }

    /**
     * Appends batches that already carry their final offsets. Adds an offset-index entry (the batch's last offset and
     * its position) whenever {@code index.interval.bytes} of batches have passed since the last entry, and a
     * time-index entry with it.
     *
     * @param largestOffset the last offset in {@code batches}
     * @param largestTimestamp the largest timestamp in {@code batches}
     * @param offsetOfMaxTimestamp the offset of the record carrying it
     */
    public void append(long largestOffset, long largestTimestamp, long offsetOfMaxTimestamp, ByteBuffer batches)
            throws IOException {
        if (largestOffset - baseOffset > Integer.MAX_VALUE || largestOffset < baseOffset) {
            throw new IllegalArgumentException("offset " + largestOffset + " does not fit segment " + baseOffset);
        }
        int position = records.sizeInBytes();
        records.append(batches);
        if (rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP && largestTimestamp >= 0) {
            rollingBasedTimestamp = largestTimestamp;
        }
        if (largestTimestamp > maxTimestampSoFar) {
            maxTimestampSoFar = largestTimestamp;
            offsetOfMaxTimestampSoFar = offsetOfMaxTimestamp;
        }
        for (RecordBatch batch : MemoryRecords.wrap(batches)) {
            if (bytesSinceLastIndexEntry > settings.indexIntervalBytes()) {
                addIndexEntries(batch.lastOffset(), position);
            }
            bytesSinceLastIndexEntry += batch.sizeInBytes();
            position += batch.sizeInBytes();
        }
    }

    private void addIndexEntries(long lastOffset, int position) {
        if (!offsetIndex.isFull() && !timeIndex.isFull()) {
            offsetIndex.append(lastOffset, position);
            if (maxTimestampSoFar >= 0) {
                timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
            }
            bytesSinceLastIndexEntry = 0;
        }
    }

    /** Whether the indexes have room for another entry. */
    public boolean indexesFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /**
     * The batches from the one holding {@code startOffset}, up to {@code maxSize} bytes and never past {@code
     * maxPosition} (the end of the data known to be fully written).
     *
     * @param minOneBatch return the first batch whole even if it is larger than {@code maxSize}, so a consumer with a
     *     small fetch size still makes progress
     * @return the slice, or null if no batch in this segment reaches {@code startOffset}
     */
    public @Nullable FileRecords read(long startOffset, int maxSize, long maxPosition, boolean minOneBatch) {
        FileBatch first = translateOffset(startOffset, 0);
        if (first == null || first.position() >= maxPosition) {
            return null;
        }
        int adjustedMax = minOneBatch ? Math.max(maxSize, first.sizeInBytes()) : maxSize;
        int length = (int) Math.min(maxPosition - first.position(), adjustedMax);
        return records.slice(first.position(), length);
    }

    /** The first batch, at or after {@code startingPosition}, whose last offset is {@code >= offset}; or null. */
    public @Nullable FileBatch translateOffset(long offset, int startingPosition) {
        OffsetPosition hint = offsetIndex.lookup(offset);
        return records.searchForOffset(offset, Math.max(hint.position(), startingPosition));
    }

    /**
     * The first record with timestamp {@code >= timestamp} and offset {@code >= startingOffset}, or null if none.
     */
    public @Nullable TimestampOffset findOffsetByTimestamp(long timestamp, long startingOffset) throws IOException {
        TimestampOffset hint = timeIndex.lookup(timestamp);
        int position =
                offsetIndex.lookup(Math.max(hint.offset(), startingOffset)).position();
        for (FileBatch fileBatch : records.batchesFrom(position)) {
            if (fileBatch.maxTimestamp() < timestamp) {
                continue;
            }
            RecordCursor cursor = fileBatch.load().cursor();
            while (cursor.next()) {
                if (cursor.timestamp() >= timestamp && cursor.offset() >= startingOffset) {
                    return new TimestampOffset(cursor.timestamp(), cursor.offset());
                }
            }
        }
        return null;
    }

    /**
     * Rebuilds the indexes by reading and validating every batch, and truncates the file at the first batch that is
     * torn or invalid.
     *
     * @return bytes truncated
     */
    public int recover() throws IOException {
        offsetIndex.resize(settings.maxIndexBytes());
        timeIndex.resize(settings.maxIndexBytes());
        offsetIndex.reset();
        timeIndex.reset();
        bytesSinceLastIndexEntry = 0;
        maxTimestampSoFar = RecordBatch.NO_TIMESTAMP;
        offsetOfMaxTimestampSoFar = -1L;
        rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        int validBytes = 0;
        long lastOffset = baseOffset - 1;
        try {
            for (FileBatch fileBatch : records.batches()) {
                RecordBatch batch = fileBatch.load();
                batch.ensureValidRecords();
                if (batch.baseOffset() <= lastOffset) {
                    throw new CorruptRecordException("batch at position " + fileBatch.position() + " has base offset "
                            + batch.baseOffset() + ", not after " + lastOffset);
                }
                lastOffset = batch.lastOffset();
                if (batch.maxTimestamp() > maxTimestampSoFar) {
                    maxTimestampSoFar = batch.maxTimestamp();
                    offsetOfMaxTimestampSoFar = batch.lastOffset();
                }
                if (rollingBasedTimestamp == RecordBatch.NO_TIMESTAMP && batch.maxTimestamp() >= 0) {
                    rollingBasedTimestamp = batch.maxTimestamp();
                }
                if (bytesSinceLastIndexEntry > settings.indexIntervalBytes()) {
                    addIndexEntries(batch.lastOffset(), fileBatch.position());
                }
                bytesSinceLastIndexEntry += batch.sizeInBytes();
                validBytes += batch.sizeInBytes();
            }
        } catch (CorruptRecordException | UncheckedIOException e) {
            log.warn("Found invalid data in segment {} at byte {}: {}", records.file(), validBytes, e.getMessage());
        }
        int truncated = records.sizeInBytes() - validBytes;
        if (truncated > 0) {
            log.warn("Truncating {} invalid bytes at the end of segment {}", truncated, records.file());
            records.truncateTo(validBytes);
        }
        if (maxTimestampSoFar >= 0) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        }
        return truncated;
    }

    /**
     * Removes every batch with offsets at or after {@code offset} (which must be a batch boundary, as replication
     * guarantees) and the index entries pointing at them.
     *
     * @return bytes removed
     */
    public int truncateTo(long offset) throws IOException {
        FileBatch first = translateOffset(offset, 0);
        if (first == null) {
            return 0;
        }
        offsetIndex.truncateTo(offset);
        timeIndex.truncateTo(offset);
        offsetIndex.resize(settings.maxIndexBytes());
        timeIndex.resize(settings.maxIndexBytes());
        int removed = records.truncateTo(first.position());
        bytesSinceLastIndexEntry = 0;
        if (records.sizeInBytes() == 0) {
            rollingBasedTimestamp = RecordBatch.NO_TIMESTAMP;
        }
        loadMaxTimestamp();
        return removed;
    }

    /** The offset after the last batch, or the base offset if the segment is empty. */
    public long readNextOffset() {
        OffsetPosition last = offsetIndex.lastEntry();
        long next = baseOffset;
        for (FileBatch batch : records.batchesFrom(last.position())) {
            next = batch.nextOffset();
        }
        return next;
    }

    /**
     * Whether appending a batch of {@code size} bytes with these offsets and timestamp needs a new segment.
     *
     * @param segmentBytes the log's current {@code segment.bytes}: a topic config change applies to the active
     *     segment too, as in Kafka, not only to segments created after it
     * @param segmentMs the log's current {@code segment.ms}
     */
    public boolean shouldRoll(
            int size, long maxTimestamp, long maxOffset, long nowMs, int segmentBytes, long segmentMs) {
        if (records.sizeInBytes() == 0) {
            return false;
        }
        long waited = rollingBasedTimestamp >= 0 && maxTimestamp >= 0
                ? maxTimestamp - rollingBasedTimestamp
                : nowMs - createdMs;
        return (long) records.sizeInBytes() + size > segmentBytes
                || waited > segmentMs
                || indexesFull()
                || maxOffset - baseOffset > Integer.MAX_VALUE;
    }

    /** Writes the final time-index entry and trims the indexes: the segment will not be appended to again. */
    public void onBecomeInactive() throws IOException {
        if (maxTimestampSoFar >= 0 && !timeIndex.isFull()) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        }
        offsetIndex.trimToValidSize();
        timeIndex.trimToValidSize();
    }

    /**
     * Forces only the records to disk. Enough for the active segment: recovery always rebuilds the indexes of the
     * segment holding the recovery point, so their durability matters only once the segment is inactive.
     */
    public void flushRecords() throws IOException {
        records.flush();
    }

    /** Forces the log and indexes to disk. */
    public void flush() throws IOException {
        records.flush();
        offsetIndex.flush();
        timeIndex.flush();
    }

    /** The newest record timestamp, or the file's modification time if no record has one, as Kafka's retention uses. */
    public long largestTimestamp() throws IOException {
        return maxTimestampSoFar >= 0 ? maxTimestampSoFar : lastModified();
    }

    public long lastModified() throws IOException {
        return Files.getLastModifiedTime(records.file()).toMillis();
    }

    public void setLastModified(long ms) throws IOException {
        Files.setLastModifiedTime(records.file(), FileTime.fromMillis(ms));
    }

    /** Renames the three files from {@code oldSuffix} to {@code newSuffix} (after the extension). */
    public void changeFileSuffixes(String oldSuffix, String newSuffix) throws IOException {
        records.renameTo(rename(records.file(), oldSuffix, newSuffix));
        offsetIndex.renameTo(rename(offsetIndex.file(), oldSuffix, newSuffix));
        timeIndex.renameTo(rename(timeIndex.file(), oldSuffix, newSuffix));
    }

    private static Path rename(Path file, String oldSuffix, String newSuffix) {
        String name = file.getFileName().toString();
        String stem = oldSuffix.isEmpty() ? name : name.substring(0, name.length() - oldSuffix.length());
        return file.resolveSibling(stem + newSuffix);
    }

    /** Closes and deletes the three files. */
    public void deleteIfExists() throws IOException {
        closed = true;
        records.deleteIfExists();
        offsetIndex.deleteIfExists();
        timeIndex.deleteIfExists();
    }

    /** Closes the files, trimming the indexes. Idempotent. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (maxTimestampSoFar >= 0 && !timeIndex.isFull()) {
            timeIndex.maybeAppend(maxTimestampSoFar, offsetOfMaxTimestampSoFar);
        }
        offsetIndex.close();
        timeIndex.close();
        records.close();
    }

    /**
     * Loads the segment's max timestamp and roll time from its indexes and the batches after the last index entry,
     * for a segment that is trusted (not recovered) on open.
     */
    public void loadState() {
        loadMaxTimestamp();
    }

    private void loadMaxTimestamp() {
        TimestampOffset last = timeIndex.lastEntry();
        maxTimestampSoFar = last.timestamp();
        offsetOfMaxTimestampSoFar = last.offset();
        // The time index is sparse: scan the batches after its last entry for the true maximum.
        int position = offsetIndex.lookup(last.offset()).position();
        for (FileBatch batch : records.batchesFrom(position)) {
            if (batch.maxTimestamp() > maxTimestampSoFar) {
                maxTimestampSoFar = batch.maxTimestamp();
                offsetOfMaxTimestampSoFar = batch.lastOffset();
            }
        }
        if (records.sizeInBytes() > 0) {
            for (FileBatch batch : records.batches()) {
                rollingBasedTimestamp = batch.maxTimestamp();
                break;
            }
        }
    }

    @Override
    public String toString() {
        return "LogSegment(baseOffset=" + baseOffset + ", size=" + sizeInBytes() + ")";
    }
}
