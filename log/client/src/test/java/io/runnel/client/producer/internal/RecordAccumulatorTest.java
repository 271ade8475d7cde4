package io.runnel.client.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.client.Node;
import io.runnel.client.internal.Cluster;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.MemoryRecords;
import io.runnel.records.Record;
import io.runnel.records.RecordBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RecordAccumulatorTest {
    static final TopicPartition TP = new TopicPartition("t", 0);
    static final Node LEADER = new Node(1, "h", 9092);
    static final Header[] NO_HEADERS = new Header[0];

    final RecordAccumulator accumulator = new RecordAccumulator(
            new RecordAccumulator.Settings(1024, 100, 50, 120_000, CompressionType.NONE, 0),
            new BufferPool(64 * 1024, 1024, Time.SYSTEM));
    final Cluster cluster = Cluster.from(new MetadataResponse(
            0,
            List.of(new MetadataResponse.MetadataResponseBroker(1, "h", 9092, null)),
            "c",
            1,
            List.of(new MetadataResponse.MetadataResponseTopic(
                    (short) 0,
                    "t",
                    UUID.randomUUID(),
                    false,
                    List.of(new MetadataResponse.MetadataResponsePartition(
                            (short) 0, 0, 1, 0, List.of(1), List.of(1), List.of())),
                    0))));

    CompletableFuture<RecordMetadata> append(String value, long now) {
        return accumulator
                .append(TP, now, null, value.getBytes(StandardCharsets.UTF_8), NO_HEADERS, null, 0, now)
                .future();
    }

    @Test
    void shouldHoldABatchUntilLingerHasPassed() {
        append("a", 1_000);

        RecordAccumulator.ReadyCheckResult early = accumulator.ready(cluster, 1_050);
        RecordAccumulator.ReadyCheckResult late = accumulator.ready(cluster, 1_100);

        assertThat(early.readyNodes()).isEmpty();
        assertThat(early.nextReadyCheckDelayMs()).isEqualTo(50);
        assertThat(late.readyNodes()).containsExactly(LEADER);
    }

    @Test
    void shouldMakeTheBatchReadyWhenItIsFull() {
        RecordAccumulator.AppendResult result = null;
        for (int i = 0; i < 40 && (result == null || !result.batchIsFull()); i++) {
            result = accumulator.append(TP, 0, null, new byte[50], NO_HEADERS, null, 0, 0);
        }

        assertThat(result.batchIsFull()).isTrue();
        assertThat(accumulator.ready(cluster, 0).readyNodes()).containsExactly(LEADER);
    }

    @Test
    void shouldStampSequencesAndMuteThePartitionWhenDrainingIdempotently() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(7L, (short) 2);
        append("a", 0);
        append("b", 0);

        List<ProducerBatch> drained =
                accumulator.drain(cluster, Set.of(LEADER), 1 << 20, state, 200).get(LEADER);
        append("c", 200);
        Map<Node, List<ProducerBatch>> whileMuted = accumulator.drain(cluster, Set.of(LEADER), 1 << 20, state, 400);
        accumulator.unmute(TP);
        List<ProducerBatch> next =
                accumulator.drain(cluster, Set.of(LEADER), 1 << 20, state, 400).get(LEADER);

        RecordBatch first = RecordBatch.wrap(drained.get(0).built());
        assertThat(first.producerId()).isEqualTo(7L);
        assertThat(first.producerEpoch()).isEqualTo((short) 2);
        assertThat(first.baseSequence()).isZero();
        assertThat(first.isValid()).isTrue();
        assertThat(whileMuted).isEmpty();
        assertThat(RecordBatch.wrap(next.get(0).built()).baseSequence()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheSequenceWhenABatchIsRetried() {
        IdempotenceState state = new IdempotenceState();
        state.setProducerIdAndEpoch(7L, (short) 0);
        append("a", 0);
        ProducerBatch batch = accumulator
                .drain(cluster, Set.of(LEADER), 1 << 20, state, 200)
                .get(LEADER)
                .get(0);

        accumulator.reenqueue(batch, 300);
        accumulator.unmute(TP);
        Map<Node, List<ProducerBatch>> inBackoff = accumulator.drain(cluster, Set.of(LEADER), 1 << 20, state, 320);
        ProducerBatch retried = accumulator
                .drain(cluster, Set.of(LEADER), 1 << 20, state, 350)
                .get(LEADER)
                .get(0);

        assertThat(inBackoff).isEmpty();
        assertThat(retried).isSameAs(batch);
        assertThat(retried.attempts).isEqualTo(2);
        assertThat(RecordBatch.wrap(retried.built()).baseSequence()).isZero();
    }

    @Test
    void shouldCompleteEachRecordWithItsOffsetAndKeepTheRecordsInTheBatch() throws Exception {
        CompletableFuture<RecordMetadata> a = append("a", 5);
        CompletableFuture<RecordMetadata> b = append("b", 6);
        ProducerBatch batch = accumulator
                .drain(cluster, Set.of(LEADER), 1 << 20, null, 200)
                .get(LEADER)
                .get(0);

        batch.complete(40, -1);
        accumulator.deallocate(batch);

        assertThat(a.get().offset()).isEqualTo(40);
        assertThat(b.get().offset()).isEqualTo(41);
        assertThat(b.get().timestamp()).isEqualTo(6);
        List<Record> records =
                MemoryRecords.wrap(batch.built()).iterator().next().records();
        assertThat(records).hasSize(2);
        assertThat(accumulator.hasIncomplete()).isFalse();
    }

    @Test
    void shouldExpireQueuedBatchesAfterTheDeliveryTimeout() {
        append("a", 0);

        assertThat(accumulator.expiredBatches(119_999)).isEmpty();
        assertThat(accumulator.expiredBatches(120_000)).hasSize(1);
        assertThat(accumulator.hasUndrained()).isFalse();
    }
}
