package io.runnel.storage.cleaner;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.Record;
import io.runnel.records.RecordBatch;
import io.runnel.records.RecordBatchBuilder;
import io.runnel.records.TimestampType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BatchCompactorTest {
    private static final long NOW = 1_000_000L;
    private static final long RETENTION = 5_000L;

    private final BatchCompactor compactor = new BatchCompactor();
    private final OffsetMap map = new OffsetMap(64 * 1024);

    /** A batch at {@code baseOffset} holding {@code keyValues} pairs; a null value is a tombstone. */
    private static RecordBatch batch(long baseOffset, CompressionType compression, @Nullable String... keyValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder(256);
        builder.reset(baseOffset)
                .compression(compression)
                .producer(42L, (short) 3, 7)
                .partitionLeaderEpoch(9);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(
                    NOW - 100 + i, bytes(keyValues[i]), bytes(keyValues[i + 1]), new Header("h", new byte[] {(byte) i
                    }));
        }
        return copy(builder.build());
    }

    private static RecordBatch copy(ByteBuffer source) {
        ByteBuffer copy =
                ByteBuffer.allocate(source.remaining()).put(source.duplicate()).flip();
        return RecordBatch.wrap(copy);
    }

    private static byte @Nullable [] bytes(@Nullable String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private void mapAll(RecordBatch... batches) {
        for (RecordBatch batch : batches) {
            assertThat(compactor.mapKeys(batch, 0, map)).isTrue();
        }
    }

    private static List<String> keysAndOffsets(RecordBatch batch) {
        return batch.records().stream()
                .map(r -> r.offset() + ":" + CompactedLog.string(r.key()) + "=" + CompactedLog.string(r.value()))
                .toList();
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldKeepOffsetsProducerFieldsAndCodecWhenDroppingRecords(CompressionType compression) {
        RecordBatch batch = batch(100, compression, "a", "1", "b", "2", "a", "3", "c", "4");
        mapAll(batch);

        ByteBuffer kept = compactor.compact(batch, map, Long.MAX_VALUE, NOW, RETENTION);

        assertThat(kept).isNotNull();
        RecordBatch result = copy(kept);
        result.ensureValidRecords();
        assertThat(compactor.rewrote()).isTrue();
        assertThat(keysAndOffsets(result)).containsExactly("101:b=2", "102:a=3", "103:c=4");
        assertThat(result.baseOffset()).isEqualTo(100);
        assertThat(result.lastOffset()).isEqualTo(batch.lastOffset());
        assertThat(result.producerId()).isEqualTo(42L);
        assertThat(result.producerEpoch()).isEqualTo((short) 3);
        assertThat(result.baseSequence()).isEqualTo(7);
        assertThat(result.lastSequence()).isEqualTo(batch.lastSequence());
        assertThat(result.partitionLeaderEpoch()).isEqualTo(9);
        assertThat(result.compressionType()).isEqualTo(compression);
        assertThat(result.deleteHorizonMs()).isEmpty();
        assertThat(result.records().get(0).headers()).containsExactly(new Header("h", new byte[] {2}));
        assertThat(result.records().get(0).timestamp()).isEqualTo(NOW - 98);
    }

    @Test
    void shouldReturnSourceBytesWhenEveryRecordIsLatest() {
        RecordBatch batch = batch(0, CompressionType.NONE, "a", "1", "b", "2");
        mapAll(batch);

        ByteBuffer kept = compactor.compact(batch, map, Long.MAX_VALUE, NOW, RETENTION);

        assertThat(compactor.rewrote()).isFalse();
        assertThat(kept).isEqualTo(batch.buffer());
    }

    @Test
    void shouldDropBatchWhenEveryRecordIsSuperseded() {
        RecordBatch old = batch(0, CompressionType.NONE, "a", "1", "b", "2");
        RecordBatch newer = batch(2, CompressionType.NONE, "a", "3", "b", "4");
        mapAll(old, newer);

        ByteBuffer kept = compactor.compact(old, map, Long.MAX_VALUE, NOW, RETENTION);

        assertThat(kept).isNull();
        assertThat(compactor.dropped()).isEqualTo(2);
    }

    @Test
    void shouldSetDeleteHorizonWhenKeepingTombstoneFirstTime() {
        RecordBatch batch = batch(0, CompressionType.NONE, "a", "1", "a", null);
        mapAll(batch);

        RecordBatch result = copy(compactor.compact(batch, map, Long.MAX_VALUE, NOW, RETENTION));

        result.ensureValidRecords();
        assertThat(result.deleteHorizonMs()).hasValue(NOW + RETENTION);
        assertThat(compactor.tombstoneHorizonMs()).isEqualTo(NOW + RETENTION);
        List<Record> records = result.records();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).offset()).isEqualTo(1);
        assertThat(records.get(0).value()).isNull();
        assertThat(records.get(0).timestamp()).isEqualTo(NOW - 98);
    }

    @Test
    void shouldDropTombstoneWhenHorizonHasPassed() {
        RecordBatch batch = batch(0, CompressionType.NONE, "a", null, "b", "2");
        mapAll(batch);
        RecordBatch withHorizon = copy(compactor.compact(batch, map, Long.MAX_VALUE, NOW, RETENTION));

        ByteBuffer beforeHorizon = compactor.compact(withHorizon, map, Long.MAX_VALUE, NOW + RETENTION - 1, RETENTION);
        assertThat(compactor.rewrote()).isFalse();
        assertThat(beforeHorizon).isEqualTo(withHorizon.buffer());

        RecordBatch afterHorizon =
                copy(compactor.compact(withHorizon, map, Long.MAX_VALUE, NOW + RETENTION, RETENTION));
        assertThat(keysAndOffsets(afterHorizon)).containsExactly("1:b=2");
        assertThat(afterHorizon.deleteHorizonMs()).hasValue(NOW + RETENTION);
        assertThat(compactor.tombstoneHorizonMs()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldLeaveTombstoneAloneWhenPastMappedEnd() {
        RecordBatch batch = batch(10, CompressionType.NONE, "a", null, "b", null);
        RecordBatch withHorizon = copy(compactor.compact(batch, map, 11, NOW, RETENTION));
        assertThat(withHorizon.deleteHorizonMs()).hasValue(NOW + RETENTION);

        RecordBatch afterHorizon = copy(compactor.compact(withHorizon, map, 11, NOW + RETENTION, RETENTION));

        assertThat(keysAndOffsets(afterHorizon)).containsExactly("11:b=null");
        assertThat(compactor.tombstoneHorizonMs()).isEqualTo(Long.MAX_VALUE);
        RecordBatch untouched = batch(20, CompressionType.NONE, "c", null);
        assertThat(compactor.compact(untouched, map, 11, NOW, RETENTION)).isEqualTo(untouched.buffer());
        assertThat(compactor.rewrote()).isFalse();
    }

    @Test
    void shouldKeepBatchWholeWhenItIsControlBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);
        builder.reset(5).control(true).transactional(true).producer(1, (short) 0, -1);
        builder.append(NOW, new byte[] {0, 0, 0, 1}, new byte[] {0, 0, 0, 0, 0, 0});
        RecordBatch marker = copy(builder.build());
        mapAll(batch(6, CompressionType.NONE, "x", "y"));

        ByteBuffer kept = compactor.compact(marker, map, Long.MAX_VALUE, NOW + 1_000_000, RETENTION);

        assertThat(kept).isEqualTo(marker.buffer());
    }

    @Test
    void shouldNotDisplaceRecordsWhenNewerOneIsTransactional() {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);
        builder.reset(10).transactional(true).producer(1, (short) 0, 0);
        builder.append(NOW, bytes("a"), bytes("aborted?"));
        RecordBatch transactional = copy(builder.build());
        RecordBatch older = batch(0, CompressionType.NONE, "a", "committed");
        mapAll(older, transactional);

        ByteBuffer kept = compactor.compact(older, map, Long.MAX_VALUE, NOW, RETENTION);

        assertThat(kept).isEqualTo(older.buffer());
    }

    @Test
    void shouldStopMappingWhenMapIsFull() {
        OffsetMap tiny = new OffsetMap(OffsetMap.SLOT_SIZE * 3);
        RecordBatch batch = batch(0, CompressionType.NONE, "a", "1", "b", "2", "c", "3", "d", "4");

        boolean mappedWhole = compactor.mapKeys(batch, 0, tiny);

        assertThat(mappedWhole).isFalse();
        assertThat(tiny.size()).isEqualTo(tiny.maxEntries());
    }

    @Test
    void shouldSpanSourceOffsetsWhenWritingEmptyBatch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);
        builder.reset(20).logAppendTime(NOW).producer(42L, (short) 3, 7);
        builder.append(NOW - 5, bytes("a"), bytes("1"));
        builder.append(NOW - 4, bytes("b"), bytes("2"));
        RecordBatch batch = copy(builder.build());

        RecordBatch empty = copy(compactor.emptyBatch(batch));

        empty.ensureValidRecords();
        assertThat(empty.recordCount()).isZero();
        assertThat(empty.baseOffset()).isEqualTo(20);
        assertThat(empty.lastOffset()).isEqualTo(21);
        assertThat(empty.producerId()).isEqualTo(42L);
        assertThat(empty.lastSequence()).isEqualTo(batch.lastSequence());
        assertThat(empty.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(empty.maxTimestamp()).isEqualTo(NOW);
    }
}
