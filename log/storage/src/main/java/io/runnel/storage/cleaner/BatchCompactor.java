package io.runnel.storage.cleaner;

import io.runnel.records.DecompressionBuffer;
import io.runnel.records.Header;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.RecordCursor;
import io.runnel.records.TimestampType;
import java.nio.ByteBuffer;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Decides which records of one batch compaction keeps, and produces the batch that holds them.
 *
 * <p>A record is kept when it has no key (Kafka refuses such records on compacted topics; here they are left alone), or
 * when its offset is at least the offset map's entry for its key (it is the latest, or lies past the mapped range). A
 * kept tombstone (key, null value) below the mapped end goes once its batch's delete horizon has passed; a batch that
 * keeps such a tombstone but has no horizon yet is rewritten with horizon {@code now + delete.retention.ms}
 * (KIP-534). Tombstones past the mapped end are left as they are. Control batches are kept
 * whole. Records of transactional batches are never put in the offset map (there is no transaction index to tell
 * aborted from committed data), so they never displace another record; they are displaced by later records as usual.
 *
 * <p>The result is the source bytes untouched when every record stays and the horizon is unchanged; otherwise a new
 * batch with the source's base offset, <em>last offset</em> (as Kafka keeps it, so the producer's last sequence
 * survives), producer id, epoch, base sequence, transactional flag, leader epoch, timestamp type and codec.
 *
 * <p>Not thread-safe: owned by one cleaner thread, and each result is valid until the next call.
 */
final class BatchCompactor {
    // Header fields, as documented in RecordBatch's layout.
    private static final int CRC_OFFSET = 17;
    private static final int ATTRIBUTES_OFFSET = 21;
    private static final int LAST_OFFSET_DELTA_OFFSET = 23;
    private static final int TIMESTAMP_TYPE_MASK = 0x08;
    private static final int TRANSACTIONAL_MASK = 0x10;
    private static final Header[] NO_HEADERS = new Header[0];

    private final RecordBatchBuilder builder = new RecordBatchBuilder(16 * 1024);
    private final DecompressionBuffer scratch =
            DecompressionBuffer.create(64 * 1024, DecompressionBuffer.DEFAULT_MAX_BYTES);
    private final ByteBuffer emptyBatch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE);
    private final CRC32C crc = new CRC32C();
    private boolean[] keep = new boolean[256];

    // What the last compact() call found.
    private int retained;
    private int dropped;
    private long tombstoneHorizonMs;
    private boolean rewrote;

    /**
     * Fills {@code map} with the keys of {@code batch}'s records at offsets {@code >= fromOffset}.
     *
     * @return false if the map filled up before the batch's last record: the batch is then only partly mapped
     */
    boolean mapKeys(RecordBatch batch, long fromOffset, OffsetMap map) {
        if (batch.isControlBatch() || batch.isTransactional() || batch.lastOffset() < fromOffset) {
            return true;
        }
        RecordCursor cursor = batch.cursor(scratch);
        ByteBuffer records = cursor.buffer();
        while (cursor.next()) {
            if (cursor.hasKey() && cursor.offset() >= fromOffset) {
                if (!map.put(records, cursor.keyPosition(), cursor.keySize(), cursor.offset())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The batch that keeps what compaction keeps of {@code batch}.
     *
     * @param mappedEnd the end of the offsets the map covers: a tombstone at or past it stays, horizon untouched, since
     *     the older records it deletes were not yet compared with it (expiring it would bring them back)
     * @param nowMs the cleaner's clock, against which delete horizons are checked and set
     * @return {@code batch}'s own bytes if it is kept whole, a rewritten batch owned by this compactor until the next
     *     call, or null if no record is kept
     */
    @Nullable
    ByteBuffer compact(RecordBatch batch, OffsetMap map, long mappedEnd, long nowMs, long deleteRetentionMs) {
        retained = 0;
        dropped = 0;
        tombstoneHorizonMs = Long.MAX_VALUE;
        rewrote = false;
        if (batch.isControlBatch()) {
            retained = batch.recordCount();
            return batch.buffer();
        }
        OptionalLong horizon = batch.deleteHorizonMs();
        boolean keptTombstone = decide(batch, map, mappedEnd, nowMs, horizon);
        boolean needHorizon = keptTombstone && horizon.isEmpty();
        long newHorizon = needHorizon ? nowMs + deleteRetentionMs : horizon.orElse(RecordBatch.NO_TIMESTAMP);
        if (keptTombstone) {
            tombstoneHorizonMs = newHorizon;
        }
        if (retained == 0) {
            return null;
        }
        if (dropped == 0 && !needHorizon) {
            return batch.buffer();
        }
        rewrote = true;
        return rewrite(batch, newHorizon);
    }

    /** Marks each record kept or not; returns whether a kept record is a tombstone. */
    private boolean decide(RecordBatch batch, OffsetMap map, long mappedEnd, long nowMs, OptionalLong horizon) {
        int count = batch.recordCount();
        if (keep.length < count) {
            keep = new boolean[Math.max(count, keep.length * 2)];
        }
        boolean keptTombstone = false;
        RecordCursor cursor = batch.cursor(scratch);
        ByteBuffer records = cursor.buffer();
        int i = 0;
        while (cursor.next()) {
            boolean kept = true;
            if (cursor.hasKey()) {
                kept = cursor.offset() >= map.get(records, cursor.keyPosition(), cursor.keySize());
                if (kept && !cursor.hasValue() && cursor.offset() < mappedEnd) {
                    kept = horizon.isEmpty() || nowMs < horizon.getAsLong();
                    keptTombstone |= kept;
                }
            }
            keep[i++] = kept;
            if (kept) {
                retained++;
            } else {
                dropped++;
            }
        }
        return keptTombstone;
    }

    private ByteBuffer rewrite(RecordBatch batch, long horizonMs) {
        builder.reset(batch.baseOffset())
                .compression(batch.compressionType())
                .producer(batch.producerId(), batch.producerEpoch(), batch.baseSequence())
                .transactional(batch.isTransactional())
                .partitionLeaderEpoch(batch.partitionLeaderEpoch());
        if (batch.timestampType() == TimestampType.LOG_APPEND_TIME) {
            builder.logAppendTime(batch.maxTimestamp());
        }
        if (horizonMs >= 0) {
            builder.deleteHorizonMs(horizonMs);
        }
        RecordCursor cursor = batch.cursor(scratch);
        int i = 0;
        while (cursor.next()) {
            if (keep[i++]) {
                Header[] headers = cursor.headerCount() == 0
                        ? NO_HEADERS
                        : cursor.headers().toArray(NO_HEADERS);
                builder.appendWithOffset(cursor.offset(), cursor.timestamp(), cursor.key(), cursor.value(), headers);
            }
        }
        ByteBuffer built = builder.build();
        if (built.getInt(LAST_OFFSET_DELTA_OFFSET) != batch.lastOffsetDelta()) {
            built.putInt(LAST_OFFSET_DELTA_OFFSET, batch.lastOffsetDelta());
            writeCrc(built);
        }
        return built;
    }

    /**
     * A batch with no records that spans {@code batch}'s offsets and keeps its producer fields and max timestamp, as
     * Kafka's {@code writeEmptyHeader}. The cleaner ends a cleaned segment with one when compaction removed everything
     * near its end, so the segment still covers the offsets of the segments it replaces: recovery of an interrupted
     * swap relies on that to know which old segments to delete.
     */
    ByteBuffer emptyBatch(RecordBatch batch) {
        ByteBuffer out = emptyBatch.clear();
        int attributes = batch.attributes() & (TIMESTAMP_TYPE_MASK | TRANSACTIONAL_MASK);
        out.putLong(0, batch.baseOffset());
        out.putInt(8, RecordBatch.HEADER_SIZE - RecordBatch.LOG_OVERHEAD);
        out.putInt(12, batch.partitionLeaderEpoch());
        out.put(16, RecordBatch.MAGIC);
        out.putShort(ATTRIBUTES_OFFSET, (short) attributes);
        out.putInt(LAST_OFFSET_DELTA_OFFSET, batch.lastOffsetDelta());
        out.putLong(27, batch.maxTimestamp());
        out.putLong(35, batch.maxTimestamp());
        out.putLong(43, batch.producerId());
        out.putShort(51, batch.producerEpoch());
        out.putInt(53, batch.baseSequence());
        out.putInt(57, 0);
        writeCrc(out);
        return out;
    }

    private void writeCrc(ByteBuffer batch) {
        crc.reset();
        crc.update(batch.duplicate().position(ATTRIBUTES_OFFSET).limit(batch.limit()));
        batch.putInt(CRC_OFFSET, (int) crc.getValue());
    }

    /** Records the last {@link #compact} kept. */
    int retained() {
        return retained;
    }

    /** Whether the last {@link #compact} returned a rewritten batch rather than the source's bytes or nothing. */
    boolean rewrote() {
        return rewrote;
    }

    /** Records the last {@link #compact} dropped. */
    int dropped() {
        return dropped;
    }

    /** The delete horizon of the tombstones the last {@link #compact} kept, or {@link Long#MAX_VALUE} if none. */
    long tombstoneHorizonMs() {
        return tombstoneHorizonMs;
    }
}
