package io.runnel.client.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.client.internal.Metadata;
import io.runnel.client.internal.MetadataUpdater;
import io.runnel.client.internal.MockClient;
import io.runnel.client.internal.NetworkConfig;
import io.runnel.client.producer.RecordMetadata;
import io.runnel.common.Time;
import io.runnel.common.TopicPartition;
import io.runnel.common.errors.OutOfOrderSequenceException;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.message.InitProducerIdResponse;
import io.runnel.protocol.message.MetadataResponse;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.protocol.message.ProduceResponse;
import io.runnel.records.CompressionType;
import io.runnel.records.Header;
import io.runnel.records.RecordBatch;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The sender stepped with {@code runOnce} over a scripted network and a manual clock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SenderTest {
    static final TopicPartition TP = new TopicPartition("t", 0);
    static final NetworkConfig NETWORK = new NetworkConfig(
            List.of(InetSocketAddress.createUnresolved("h", 9092)),
            "test",
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMillis(50),
            Duration.ofMinutes(5),
            -1,
            -1);
    static final MetadataResponse METADATA = new MetadataResponse(
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
                    0)));

    final AtomicLong now = new AtomicLong(1_000);
    final Time time = new Time() {
        @Override
        public long milliseconds() {
            return now.get();
        }

        @Override
        public long nanoseconds() {
            return now.get() * 1_000_000L;
        }
    };
    final MockClient client = new MockClient();
    final Metadata metadata = new Metadata(NETWORK);
    final RecordAccumulator accumulator = new RecordAccumulator(
            new RecordAccumulator.Settings(16_384, 0, 100, 120_000, CompressionType.NONE, 0),
            new BufferPool(1 << 20, 16_384, time));
    final Sender sender = new Sender(
            new Sender.Settings((short) -1, Integer.MAX_VALUE, 5, 1 << 20, 30_000, 100, 120_000),
            accumulator,
            metadata,
            client,
            new MetadataUpdater(metadata, client, NETWORK, time, true, ""),
            true,
            time,
            "");

    SenderTest() {
        metadata.update(METADATA, false, now.get());
        client.autoRespond(ApiKey.METADATA, request -> METADATA);
    }

    CompletableFuture<RecordMetadata> append(String value) {
        return accumulator
                .append(TP, now.get(), null, value.getBytes(), new Header[0], null, 0, now.get())
                .future();
    }

    void initProducerId(long producerId) {
        sender.runOnce(now.get());
        MockClient.Sent init = client.next();
        assertThat(init.apiKey()).isEqualTo(ApiKey.INIT_PRODUCER_ID);
        client.respond(init, new InitProducerIdResponse(0, (short) 0, producerId, (short) 0));
        sender.runOnce(now.get());
    }

    MockClient.Sent nextProduce() {
        sender.runOnce(now.get());
        MockClient.Sent produce = client.next();
        assertThat(produce.apiKey()).isEqualTo(ApiKey.PRODUCE);
        return produce;
    }

    static RecordBatch batchOf(MockClient.Sent produce) {
        ProduceRequest request = (ProduceRequest) produce.body();
        ByteBuffer bytes =
                request.topicData().get(0).partitionData().get(0).records().buffer();
        return RecordBatch.wrap(bytes);
    }

    static ProduceResponse answer(Errors error, long baseOffset) {
        return new ProduceResponse(
                List.of(new ProduceResponse.TopicProduceResponse(
                        "t",
                        List.of(new ProduceResponse.PartitionProduceResponse(
                                0,
                                error.code(),
                                baseOffset,
                                -1L,
                                0L,
                                List.of(),
                                null,
                                new ProduceResponse.LeaderIdAndEpoch(-1, -1))))),
                0,
                List.of());
    }

    @Test
    void shouldStampTheProducerIdAndCompleteRecordsWithTheirOffsets() throws Exception {
        initProducerId(42L);
        CompletableFuture<RecordMetadata> a = append("a");
        CompletableFuture<RecordMetadata> b = append("b");

        MockClient.Sent produce = nextProduce();
        client.respond(produce, answer(Errors.NONE, 7));
        sender.runOnce(now.get());

        RecordBatch batch = batchOf(produce);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.baseSequence()).isZero();
        assertThat(batch.isValid()).isTrue();
        assertThat(a.get().offset()).isEqualTo(7);
        assertThat(b.get().offset()).isEqualTo(8);
    }

    @Test
    void shouldRetryTheSameSequenceAfterNotLeaderOrADisconnection() throws Exception {
        initProducerId(42L);
        CompletableFuture<RecordMetadata> record = append("a");
        MockClient.Sent first = nextProduce();

        client.respond(first, answer(Errors.NOT_LEADER_OR_FOLLOWER, -1));
        sender.runOnce(now.get());
        now.addAndGet(100);
        MockClient.Sent second = nextProduce();
        client.disconnect(second);
        sender.runOnce(now.get());
        now.addAndGet(100);
        MockClient.Sent third = nextProduce();
        client.respond(third, answer(Errors.NONE, 3));
        sender.runOnce(now.get());

        assertThat(batchOf(second).baseSequence()).isZero();
        assertThat(batchOf(third).baseSequence()).isZero();
        assertThat(batchOf(third).producerId()).isEqualTo(42L);
        assertThat(record.get().offset()).isEqualTo(3);
    }

    @Test
    void shouldHoldTheNextBatchOfAPartitionWhileOneIsInFlight() {
        initProducerId(42L);
        append("a");
        MockClient.Sent first = nextProduce();
        append("b");

        sender.runOnce(now.get());

        assertThat(client.inFlight()).isZero();
        client.respond(first, answer(Errors.NONE, 0));
        sender.runOnce(now.get());
        MockClient.Sent second = nextProduce();
        assertThat(batchOf(second).baseSequence()).isEqualTo(1);
    }

    @Test
    void shouldCountADuplicateSequenceAsSuccessWithAnUnknownOffset() throws Exception {
        initProducerId(42L);
        CompletableFuture<RecordMetadata> record = append("a");

        client.respond(nextProduce(), answer(Errors.DUPLICATE_SEQUENCE_NUMBER, -1));
        sender.runOnce(now.get());

        assertThat(record.get().hasOffset()).isFalse();
    }

    @Test
    void shouldFailTheBatchAndGetANewProducerIdWhenTheSequenceIsOutOfOrder() throws Exception {
        initProducerId(42L);
        CompletableFuture<RecordMetadata> failed = append("a");

        client.respond(nextProduce(), answer(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER, -1));
        sender.runOnce(now.get());
        initProducerId(43L);
        CompletableFuture<RecordMetadata> next = append("b");
        MockClient.Sent produce = nextProduce();

        assertThatThrownBy(failed::get).cause().isInstanceOf(OutOfOrderSequenceException.class);
        assertThat(batchOf(produce).producerId()).isEqualTo(43L);
        assertThat(batchOf(produce).baseSequence()).isZero();
        assertThat(next).isNotDone();
    }

    @Test
    void shouldFailWithoutRetryingWhenTheErrorIsNotRetriable() {
        initProducerId(42L);
        CompletableFuture<RecordMetadata> record = append("a");

        client.respond(nextProduce(), answer(Errors.MESSAGE_TOO_LARGE, -1));
        sender.runOnce(now.get());
        now.addAndGet(1_000);
        sender.runOnce(now.get());

        assertThat(record).isCompletedExceptionally();
        assertThat(client.inFlight()).isZero();
    }
}
