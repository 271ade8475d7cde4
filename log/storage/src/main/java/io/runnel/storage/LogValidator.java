package io.runnel.storage;

import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.InvalidRecordException;
import io.runnel.common.errors.InvalidTimestampException;
import io.runnel.common.errors.RecordTooLargeException;
import io.runnel.records.DecompressionBuffer;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordCursor;
import io.runnel.records.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks batches before they reach a log, as Kafka's {@code LogValidator} does for magic 2. Nothing that fails here is
 * written. Checks the framing and CRC of every batch and parses every record (decompressing when needed), then:
 *
 * <ul>
 *   <li>every batch fits {@code max.message.bytes};
 *   <li>from a client (leader append): no control batches, and offsets inside each batch run 0, 1, 2, ... with the
 *       header's last offset delta and count agreeing, since the broker assigns the real offsets;
 *   <li>from a client under {@code CreateTime}: timestamps within {@code message.timestamp.before/after.max.ms} of now;
 *   <li>from a leader (follower append): offsets increase across batches.
 * </ul>
 *
 * <p>Holds no buffer of its own: records are decompressed into a buffer per thread ({@link #scratch()}), created on the
 * thread's first validation and reused by every log that thread appends to. A log then costs no decompression buffer
 * while it is idle (a 64 KiB buffer per log made 5,000 idle partitions cost 320 MiB of heap), and the buffers number
 * the appending threads (the broker's I/O threads, recovery threads), not the partitions. Thread-safe: the per-thread
 * buffer is used only for the duration of one {@link #validate} call, which never re-enters.
 */
final class LogValidator {
    private static final ThreadLocal<DecompressionBuffer> SCRATCH =
            ThreadLocal.withInitial(() -> DecompressionBuffer.create(64 * 1024, DecompressionBuffer.DEFAULT_MAX_BYTES));

    /**
     * What validation found.
     *
     * @param recordCount records in all batches
     * @param validBytes bytes of all batches
     * @param maxTimestamp the largest batch max timestamp
     * @param maxTimestampBatch index of the batch with the largest max timestamp
     * @param firstOffset the first batch's base offset as sent
     * @param lastOffset the last batch's last offset as sent
     * @param batches the validated batches, as views of the appended bytes: the append reads and rewrites their
     *     headers through these, so the batches are parsed into views once per append
     */
    record Result(
            long recordCount,
            int validBytes,
            long maxTimestamp,
            int maxTimestampBatch,
            long firstOffset,
            long lastOffset,
            List<RecordBatch> batches) {}

    /** This thread's decompression buffer, shared by every log it validates for. */
    static DecompressionBuffer scratch() {
        return SCRATCH.get();
    }

    Result validate(MemoryRecords records, LogConfig config, boolean fromClient, long nowMs) {
        if (records.sizeInBytes() == 0) {
            throw new CorruptRecordException("no record batches: the data is empty");
        }
        TimestampBounds bounds =
                config.timestampType() == TimestampType.CREATE_TIME ? new TimestampBounds(config, nowMs) : null;
        DecompressionBuffer scratch = scratch();
        long recordCount = 0;
        long maxTimestamp = RecordBatch.NO_TIMESTAMP;
        int maxTimestampBatch = 0;
        int index = 0;
        int position = 0;
        long firstOffset = -1L;
        long previousLastOffset = -1L;
        // Producers send one batch per partition per request: keep that case to a single small list.
        @Nullable RecordBatch only = null;
        @Nullable List<RecordBatch> several = null;
        for (RecordBatch batch : records) {
            if (only == null) {
                only = batch;
            } else {
                if (several == null) {
                    several = new ArrayList<>();
                    several.add(only);
                }
                several.add(batch);
            }
            if (batch.sizeInBytes() > config.maxMessageBytes()) {
                throw new RecordTooLargeException("record batch of " + batch.sizeInBytes()
                        + " bytes is larger than max.message.bytes " + config.maxMessageBytes());
            }
            try {
                batch.ensureValid();
                if (fromClient) {
                    validateClientBatch(batch, bounds, scratch);
                } else {
                    batch.ensureValidRecords(scratch);
                }
            } catch (CorruptRecordException e) {
                throw new CorruptRecordException(
                        "record batch at byte position " + position + " is invalid: " + e.getMessage(), e);
            }
            if (!fromClient && batch.baseOffset() <= previousLastOffset) {
                throw new InvalidRecordException("batch base offset " + batch.baseOffset()
                        + " does not follow the previous batch's last offset " + previousLastOffset);
            }
            if (firstOffset < 0) {
                firstOffset = batch.baseOffset();
            }
            previousLastOffset = batch.lastOffset();
            if (batch.maxTimestamp() > maxTimestamp) {
                maxTimestamp = batch.maxTimestamp();
                maxTimestampBatch = index;
            }
            recordCount += batch.recordCount();
            position += batch.sizeInBytes();
            index++;
        }
        if (position != records.sizeInBytes()) {
            throw new CorruptRecordException("trailing " + (records.sizeInBytes() - position) + " bytes at position "
                    + position + " are not a whole record batch");
        }
        List<RecordBatch> batches = several != null ? several : only != null ? List.of(only) : List.of();
        return new Result(
                recordCount, position, maxTimestamp, maxTimestampBatch, firstOffset, previousLastOffset, batches);
    }

    private static void validateClientBatch(
            RecordBatch batch, @Nullable TimestampBounds bounds, DecompressionBuffer scratch) {
        if (batch.isControlBatch()) {
            throw new InvalidRecordException("clients may not write control batches");
        }
        int count = batch.recordCount();
        if (count == 0 || batch.lastOffsetDelta() != count - 1) {
            throw new InvalidRecordException("batch has " + count + " records but last offset delta "
                    + batch.lastOffsetDelta() + "; offsets must be contiguous");
        }
        long baseOffset = batch.baseOffset();
        RecordCursor cursor = batch.cursor(scratch);
        long expectedDelta = 0;
        while (cursor.next()) {
            long delta = cursor.offset() - baseOffset;
            if (delta != expectedDelta) {
                throw new InvalidRecordException("record " + expectedDelta + " of the batch has offset delta " + delta
                        + "; expected " + expectedDelta);
            }
            expectedDelta++;
            if (bounds != null) {
                bounds.check(cursor.timestamp());
            }
        }
        if (expectedDelta != count) {
            throw new CorruptRecordException("batch claims " + count + " records, holds " + expectedDelta);
        }
    }

    /**
     * The timestamps a client may write under {@code CreateTime}: within {@code message.timestamp.before.max.ms} before
     * and {@code message.timestamp.after.max.ms} after the broker's time, computed once per append (saturating, since
     * either may be {@link Long#MAX_VALUE}), so the check per record is two comparisons.
     */
    private static final class TimestampBounds {
        private final long nowMs;
        private final long beforeMaxMs;
        private final long afterMaxMs;
        private final long earliest;
        private final long latest;

        TimestampBounds(LogConfig config, long nowMs) {
            this.nowMs = nowMs;
            this.beforeMaxMs = config.timestampBeforeMax().toMillis();
            this.afterMaxMs = config.timestampAfterMax().toMillis();
            this.earliest = beforeMaxMs >= nowMs ? Long.MIN_VALUE : nowMs - beforeMaxMs;
            this.latest = afterMaxMs > Long.MAX_VALUE - nowMs ? Long.MAX_VALUE : nowMs + afterMaxMs;
        }

        void check(long timestamp) {
            if (timestamp < 0) {
                return; // no timestamp: Kafka accepts it
            }
            if (timestamp < earliest) {
                throw new InvalidTimestampException("timestamp " + timestamp + " is more than " + beforeMaxMs
                        + " ms before the broker's time " + nowMs);
            }
            if (timestamp > latest) {
                throw new InvalidTimestampException("timestamp " + timestamp + " is more than " + afterMaxMs
                        + " ms after the broker's time " + nowMs);
            }
        }
    }
}
