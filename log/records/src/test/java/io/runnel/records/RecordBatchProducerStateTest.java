package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordBatchProducerStateTest {
    @Test
    void shouldStampProducerStateAndKeepCrcValidWhenSetAfterBuild() {
        RecordBatchBuilder builder = new RecordBatchBuilder(256);
        builder.reset(0L).compression(CompressionType.LZ4);
        builder.append(1_000L, new byte[] {1}, new byte[] {2});
        builder.append(1_001L, new byte[] {3}, new byte[] {4});
        ByteBuffer built = builder.build();
        RecordBatch batch = RecordBatch.wrap(built);

        batch.setProducerState(42L, (short) 3, 17);

        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isEqualTo(17);
        assertThat(batch.lastSequence()).isEqualTo(18);
        assertThat(batch.isValid()).isTrue();
        batch.ensureValidRecords();
    }
}
