package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordBatchTest {

    @Property(tries = 200)
    void shouldReadBackEveryRecordWhenBuiltWithAnyCodec(
            @ForAll long seed, @ForAll CompressionType type, @ForAll @IntRange(min = 1, max = 200) int count) {
        List<RecordInput> inputs = RecordInput.random(new Random(seed), count);
        ByteBuffer built = KafkaCompatibilityTest.build(type, 1_000L, -1L, (short) -1, -1, false, inputs);

        RecordBatch batch = RecordBatch.wrap(built);
        batch.ensureValidRecords();
        List<Record> records = batch.records();

        assertThat(batch.recordCount()).isEqualTo(count);
        assertThat(batch.lastOffset()).isEqualTo(1_000L + count - 1);
        assertThat(batch.maxTimestamp())
                .isEqualTo(
                        inputs.stream().mapToLong(RecordInput::timestamp).max().orElseThrow());
        for (int i = 0; i < count; i++) {
            RecordInput input = inputs.get(i);
            Record record = records.get(i);
            assertThat(record.offset()).isEqualTo(1_000L + i);
            assertThat(record.timestamp()).isEqualTo(input.timestamp());
            assertThat(record.key()).isEqualTo(RecordInput.wrap(input.key()));
            assertThat(record.value()).isEqualTo(RecordInput.wrap(input.value()));
            assertThat(record.headers()).isEqualTo(input.headers());
        }
    }

    @Test
    void shouldShareBytesWithTheBatchWhenUncompressed() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        RecordBatch batch = RecordBatch.wrap(built);
        RecordCursor cursor = batch.cursor();
        cursor.next();

        built.put(cursor.valuePosition() + RecordBatch.HEADER_SIZE, (byte) 'Z');

        assertThat(cursor.value()).isNotNull();
        assertThat(cursor.value().get(0)).isEqualTo((byte) 'Z');
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldRejectBatchWhenCrcMismatches(CompressionType type) {
        ByteBuffer built = oneBatch(type);
        int position = RecordBatch.HEADER_SIZE + 3;
        built.put(position, (byte) (built.get(position) ^ 0x10));

        RecordBatch batch = RecordBatch.wrap(built);

        assertThat(batch.isValid()).isFalse();
        assertThatThrownBy(batch::ensureValid)
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("crc");
    }

    @Test
    void shouldRejectBatchWhenMagicIsNotTwo() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        built.put(RecordBatch.MAGIC_OFFSET, (byte) 1);

        assertThatThrownBy(() -> RecordBatch.wrap(built).ensureValid())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("magic 1");
    }

    @Test
    void shouldRejectBatchWhenShorterThanItsLength() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        ByteBuffer truncated = built.slice(0, built.limit() - 1);

        assertThatThrownBy(() -> RecordBatch.wrap(truncated))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("claims");
    }

    @Test
    void shouldRejectBatchWhenLengthIsSmallerThanHeader() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        built.putInt(RecordBatch.LENGTH_OFFSET, 10);

        assertThatThrownBy(() -> RecordBatch.wrap(built))
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("smaller than the header");
    }

    @Test
    void shouldRejectRecordsWhenCountIsWrong() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        built.putInt(RecordBatch.RECORD_COUNT_OFFSET, 2);
        rewriteCrc(built);

        assertThatThrownBy(() -> RecordBatch.wrap(built).ensureValidRecords())
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void shouldRejectBatchWhenCompressionIdIsUnknown() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        built.putShort(RecordBatch.ATTRIBUTES_OFFSET, (short) 6);
        rewriteCrc(built);

        assertThatThrownBy(() -> RecordBatch.wrap(built).ensureValid())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("unknown compression type id 6");
    }

    @ParameterizedTest
    @EnumSource(
            value = CompressionType.class,
            names = {"GZIP", "SNAPPY", "LZ4", "ZSTD"})
    void shouldRejectRecordsWhenCompressedDataIsGarbage(CompressionType type) {
        ByteBuffer built = oneBatch(type);
        for (int i = RecordBatch.HEADER_SIZE; i < built.limit(); i++) {
            built.put(i, (byte) (i * 31));
        }
        rewriteCrc(built);

        assertThatThrownBy(() -> RecordBatch.wrap(built).ensureValidRecords())
                .isInstanceOf(CorruptRecordException.class);
    }

    @Property(tries = 300)
    void shouldNeverFailOtherwiseThanCorruptWhenABodyByteIsFlipped(
            @ForAll CompressionType type, @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll byte mask) {
        ByteBuffer built = oneBatch(type);
        int position = RecordBatch.HEADER_SIZE + where % (built.limit() - RecordBatch.HEADER_SIZE);
        built.put(position, (byte) (built.get(position) ^ (mask == 0 ? 1 : mask)));
        rewriteCrc(built);

        try {
            RecordBatch.wrap(built).ensureValidRecords();
        } catch (CorruptRecordException expected) {
            // Either the flip broke the framing and is reported, or it landed in a payload byte and parses.
        }
    }

    enum BadRecord {
        // {record length, attributes, timestamp delta, offset delta, key length (-1), value length 1, value, headers}
        LENGTH_PAST_THE_BATCH(new byte[] {40, 0, 0, 0, 1, 2, 7, 0}, "invalid length"),
        FIELDS_PAST_THE_RECORD(new byte[] {8, 0, 0, 0, 1, 2, 7, 0}, "is truncated"),
        BYTES_AFTER_THE_FIELDS(new byte[] {16, 0, 0, 0, 1, 2, 7, 0, 0}, "unparsed bytes"),
        VALUE_PAST_THE_RECORD(new byte[] {14, 0, 0, 0, 1, 20, 7, 0}, "invalid size"),
        ELEVEN_BYTE_TIMESTAMP_DELTA(
                new byte[] {
                    32,
                    0,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    (byte) 0x80,
                    1,
                    0,
                    1,
                    1,
                    0
                },
                "longer than 10 bytes"),
        SIX_BYTE_OFFSET_DELTA(
                new byte[] {20, 0, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 1, 1, 0},
                "longer than 5 bytes"),
        NEGATIVE_HEADER_COUNT(new byte[] {14, 0, 0, 0, 1, 2, 7, 1}, "-1 headers");

        final byte[] body;
        final String message;

        BadRecord(byte[] body, String message) {
            this.body = body;
            this.message = message;
        }
    }

    @ParameterizedTest
    @EnumSource(BadRecord.class)
    void shouldNameWhatIsWrongWithARecordWhoseFramingIsBrokenUnderAValidCrc(BadRecord bad) {
        ByteBuffer batch = batchWithBody(bad.body);

        assertThatThrownBy(() -> RecordBatch.wrap(batch).ensureValidRecords())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining(bad.message);
    }

    @Test
    void shouldParseAHandWrittenRecordThatIsWellFormed() {
        ByteBuffer batch = batchWithBody(new byte[] {14, 0, 0, 0, 1, 2, 7, 0});

        List<Record> records = RecordBatch.wrap(batch).records();

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isNull();
            assertThat(r.value()).isEqualTo(ByteBuffer.wrap(new byte[] {7}));
        });
    }

    /** A valid one-record batch header over {@code body}, with length and CRC to match. */
    static ByteBuffer batchWithBody(byte[] body) {
        ByteBuffer header = oneBatch(CompressionType.NONE).limit(RecordBatch.HEADER_SIZE);
        ByteBuffer batch = ByteBuffer.allocate(RecordBatch.HEADER_SIZE + body.length);
        batch.put(header).put(body).flip();
        batch.putInt(RecordBatch.LENGTH_OFFSET, batch.limit() - RecordBatch.LOG_OVERHEAD);
        batch.putInt(RecordBatch.RECORD_COUNT_OFFSET, 1);
        batch.putInt(RecordBatch.LAST_OFFSET_DELTA_OFFSET, 0);
        rewriteCrc(batch);
        return batch;
    }

    @Test
    void shouldRecomputeCrcWhenMaxTimestampIsSet() {
        ByteBuffer built = oneBatch(CompressionType.NONE);
        RecordBatch batch = RecordBatch.wrap(built);

        batch.setMaxTimestamp(TimestampType.LOG_APPEND_TIME, 123L);
        batch.setBaseOffset(77L);
        batch.setPartitionLeaderEpoch(5);

        batch.ensureValid();
        assertThat(batch.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(batch.baseOffset()).isEqualTo(77L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(5);
        assertThat(batch.records()).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(123L));
    }

    @Test
    void shouldRefusePropertiesWhenRecordsWereAppended() {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);
        builder.append(1L, new byte[] {1}, new byte[] {2});

        assertThatThrownBy(() -> builder.compression(CompressionType.GZIP))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before the first record");
    }

    @Test
    void shouldRejectCompressionLevelWhenOutOfRange() {
        RecordBatchBuilder builder = new RecordBatchBuilder(64);

        assertThatThrownBy(() -> builder.compression(CompressionType.LZ4, 42))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("level 42");
    }

    @Test
    void shouldReuseTheBufferWhenReset() {
        RecordBatchBuilder builder = new RecordBatchBuilder(1024);
        builder.append(1L, new byte[] {1}, new byte[] {2});
        ByteBuffer first = builder.build();

        builder.reset(10L).append(2L, null, new byte[] {3});
        ByteBuffer second = builder.build();

        assertThat(second.array()).isSameAs(first.array());
        assertThat(RecordBatch.wrap(second).baseOffset()).isEqualTo(10L);
    }

    static ByteBuffer oneBatch(CompressionType type) {
        return KafkaCompatibilityTest.build(
                type, 0L, -1L, (short) -1, -1, false, RecordInput.random(new Random(3), 20));
    }

    static void rewriteCrc(ByteBuffer batch) {
        batch.putInt(RecordBatch.CRC_OFFSET, (int) RecordBatch.crc32c(
                batch, RecordBatch.ATTRIBUTES_OFFSET, batch.limit() - RecordBatch.ATTRIBUTES_OFFSET));
    }
}
