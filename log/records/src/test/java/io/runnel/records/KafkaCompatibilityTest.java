package io.runnel.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our batches against Apache Kafka's: the same input must give the same bytes, and each side must read the other's
 * batches record for record. Kafka's classes are the oracle (test scope only).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KafkaCompatibilityTest {
    private static final int SEEDS = 8;

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldWriteTheSameBytesAsKafkaWhenCompressedWith(CompressionType type) {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<RecordInput> inputs = RecordInput.random(random, 1 + random.nextInt(seed == 0 ? 1 : 400));
            long baseOffset = random.nextInt(1_000_000);

            ByteBuffer kafka = KafkaOracle.build(type, baseOffset, -1L, (short) -1, -1, false, inputs);
            ByteBuffer ours = build(type, baseOffset, -1L, (short) -1, -1, false, inputs);

            assertThat(ours).as("seed %d, %d records", seed, inputs.size()).isEqualTo(kafka);
        }
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldWriteTheSameBytesAsKafkaWhenIdempotentAndTransactional(CompressionType type) {
        List<RecordInput> inputs = RecordInput.random(new Random(42), 50);

        ByteBuffer kafka = KafkaOracle.build(type, 0L, 4711L, (short) 3, 1_000, true, inputs);
        ByteBuffer ours = build(type, 0L, 4711L, (short) 3, 1_000, true, inputs);

        assertThat(ours).isEqualTo(kafka);
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldReadEveryRecordWhenKafkaBuiltTheBatch(CompressionType type) {
        List<RecordInput> inputs = RecordInput.random(new Random(7), 300);
        ByteBuffer kafka = KafkaOracle.build(type, 100L, 9L, (short) 1, Integer.MAX_VALUE - 10, false, inputs);

        RecordBatch batch = RecordBatch.wrap(kafka);
        batch.ensureValidRecords();

        assertThat(batch.compressionType()).isEqualTo(type);
        assertThat(batch.records()).isEqualTo(KafkaOracle.read(kafka));
        assertThat(batch.lastSequence()).isEqualTo(288); // wraps past Integer.MAX_VALUE as Kafka's does
    }

    @ParameterizedTest
    @EnumSource(CompressionType.class)
    void shouldBeReadableByKafkaWhenWeBuiltTheBatch(CompressionType type) {
        List<RecordInput> inputs = RecordInput.random(new Random(11), 300);
        ByteBuffer ours = build(type, 5L, -1L, (short) -1, -1, false, inputs);

        List<Record> kafkaView = KafkaOracle.read(ours);

        assertThat(kafkaView).hasSize(inputs.size());
        assertThat(kafkaView).isEqualTo(RecordBatch.wrap(ours).records());
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(kafkaView.get(i).offset()).isEqualTo(5L + i);
            assertThat(kafkaView.get(i).key())
                    .isEqualTo(RecordInput.wrap(inputs.get(i).key()));
            assertThat(kafkaView.get(i).value())
                    .isEqualTo(RecordInput.wrap(inputs.get(i).value()));
            assertThat(kafkaView.get(i).headers()).isEqualTo(inputs.get(i).headers());
        }
    }

    static ByteBuffer build(
            CompressionType type,
            long baseOffset,
            long producerId,
            short epoch,
            int baseSequence,
            boolean transactional,
            List<RecordInput> inputs) {
        RecordBatchBuilder builder = new RecordBatchBuilder(1024);
        builder.reset(baseOffset).compression(type).transactional(transactional);
        if (producerId >= 0) {
            builder.producer(producerId, epoch, baseSequence);
        }
        for (RecordInput input : inputs) {
            builder.append(input.timestamp(), input.key(), input.value(), input.headerArray());
        }
        ByteBuffer built = builder.build();
        ByteBuffer copy = ByteBuffer.allocate(built.remaining());
        copy.put(built).flip();
        return copy;
    }
}
