package io.runnel.broker.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.common.TopicPartition;
import io.runnel.common.errors.CorruptRecordException;
import io.runnel.common.errors.InvalidRecordException;
import io.runnel.protocol.errors.Errors;
import io.runnel.records.MemoryRecords;
import io.runnel.records.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProduceRecordsTest {
    private static final TopicPartition TP = new TopicPartition("t", 0);

    private static ByteBuffer batch() {
        RecordBatchBuilder builder = new RecordBatchBuilder(256).reset(0);
        builder.append(1L, null, "value".getBytes(StandardCharsets.UTF_8));
        ByteBuffer built = builder.build();
        return ByteBuffer.allocate(built.remaining()).put(built).flip();
    }

    private static MemoryRecords concat(ByteBuffer first, ByteBuffer second, int secondLength) {
        ByteBuffer joined = ByteBuffer.allocate(first.remaining() + secondLength);
        joined.put(first.duplicate()).put(second.duplicate().limit(secondLength));
        return MemoryRecords.wrap(joined.flip());
    }

    @Test
    void shouldAnswerInvalidRecordWhenTheOnlyBatchIsTruncated() {
        ByteBuffer whole = batch();
        MemoryRecords truncated = MemoryRecords.wrap(whole.duplicate().limit(whole.remaining() - 1));

        assertThatThrownBy(() -> ProduceRecords.requireWholeBatches(TP, truncated))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("truncated")
                .satisfies(e -> assertThat(Errors.forException(e)).isEqualTo(Errors.INVALID_RECORD));
    }

    @Test
    void shouldAnswerInvalidRecordWhenATruncatedBatchFollowsAWholeOne() {
        MemoryRecords records = concat(batch(), batch(), 30);

        assertThatThrownBy(() -> ProduceRecords.requireWholeBatches(TP, records))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("30 bytes of a truncated batch");
    }

    @Test
    void shouldAnswerInvalidRecordWhenThereAreNoRecords() {
        assertThatThrownBy(() -> ProduceRecords.requireWholeBatches(TP, null))
                .isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> ProduceRecords.requireWholeBatches(TP, MemoryRecords.wrap(ByteBuffer.allocate(0))))
                .isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void shouldAnswerCorruptMessageWhenABatchLengthIsImpossible() {
        ByteBuffer bad = batch();
        bad.putInt(8, 3);

        assertThatThrownBy(() -> ProduceRecords.requireWholeBatches(TP, MemoryRecords.wrap(bad)))
                .isInstanceOf(CorruptRecordException.class);
    }

    @Test
    void shouldPassWholeBatchesWhenNothingTrails() {
        MemoryRecords records = concat(batch(), batch(), batch().remaining());

        assertThat(ProduceRecords.requireWholeBatches(TP, records)).isSameAs(records);
    }
}
