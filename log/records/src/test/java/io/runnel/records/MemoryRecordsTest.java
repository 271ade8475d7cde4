package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.errors.CorruptRecordException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class MemoryRecordsTest {

    @Test
    void shouldSummariseBatchesWhenValid() {
        ByteBuffer two = concat(batch(0L, 3), batch(3L, 4));

        MemoryRecords.AppendInfo info = MemoryRecords.wrap(two).validateForAppend();

        assertThat(info.batchCount()).isEqualTo(2);
        assertThat(info.recordCount()).isEqualTo(7);
        assertThat(info.firstOffset()).isEqualTo(0L);
        assertThat(info.lastOffset()).isEqualTo(6L);
    }

    @Test
    void shouldRejectAppendWhenTrailingBytesFollowTheLastBatch() {
        ByteBuffer data = concat(batch(0L, 3), ByteBuffer.allocate(5));

        assertThatThrownBy(() -> MemoryRecords.wrap(data).validateForAppend())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("trailing 5 bytes");
    }

    @Test
    void shouldRejectAppendWhenEmpty() {
        assertThatThrownBy(() -> MemoryRecords.wrap(ByteBuffer.allocate(0)).validateForAppend())
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void shouldNameThePositionWhenASecondBatchIsCorrupt() {
        ByteBuffer first = batch(0L, 3);
        ByteBuffer data = concat(first, batch(3L, 4));
        data.put(first.remaining() + RecordBatch.HEADER_SIZE + 2, (byte) 0x7f);

        assertThatThrownBy(() -> MemoryRecords.wrap(data).validateForAppend())
                .isInstanceOf(CorruptRecordException.class)
                .hasMessageContaining("byte position " + first.remaining());
    }

    @Test
    void shouldSkipAPartialTrailingBatchWhenIterating() {
        ByteBuffer whole = concat(batch(0L, 3), batch(3L, 4));
        ByteBuffer cut = whole.slice(0, whole.limit() - 10);

        List<Long> offsets = new ArrayList<>();
        MemoryRecords.wrap(cut).forEach(b -> offsets.add(b.baseOffset()));

        assertThat(offsets).containsExactly(0L);
    }

    static ByteBuffer batch(long baseOffset, int count) {
        return KafkaCompatibilityTest.build(
                CompressionType.NONE,
                baseOffset,
                -1L,
                (short) -1,
                -1,
                false,
                RecordInput.random(new Random(baseOffset), count));
    }

    static ByteBuffer concat(ByteBuffer... buffers) {
        int size = 0;
        for (ByteBuffer b : buffers) {
            size += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(size);
        for (ByteBuffer b : buffers) {
            all.put(b.duplicate());
        }
        return all.flip();
    }
}
