package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.protocol.message.FetchResponse;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real record batches through the protocol: a produce request as a Kafka producer frames it reaches the log's
 * validation intact, and a fetch response Runnel writes gives a Kafka consumer the same records.
 */
@Timeout(30)
class RecordPayloadTest {
    @Test
    void shouldHandRecordsToLogValidationIntactWhenKafkaProducerSentThem() {
        org.apache.kafka.common.record.internal.MemoryRecords batch =
                org.apache.kafka.common.record.internal.MemoryRecords.withRecords(
                        Compression.gzip().build(),
                        new SimpleRecord(
                                1000L, "k1".getBytes(StandardCharsets.UTF_8), "v1".getBytes(StandardCharsets.UTF_8)),
                        new SimpleRecord(1001L, null, "v2".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData produce =
                new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName("orders");
        topic.partitionData()
                .add(new ProduceRequestData.PartitionProduceData().setIndex(2).setRecords(batch));
        produce.topicData().add(topic);
        ByteBuffer frame = RequestCodecTest.kafkaRequest((short) 0, (short) 11, 1, "producer-1", produce);

        ProduceRequest decoded = (ProduceRequest) RequestCodec.decode(frame).body();

        MemoryRecords records =
                decoded.topicData().get(0).partitionData().get(0).records();
        assertThat(records).isNotNull();
        MemoryRecords.AppendInfo info = records.validateForAppend();
        assertThat(info.batchCount()).isEqualTo(1);
        assertThat(info.recordCount()).isEqualTo(2);
        assertThat(info.maxTimestamp()).isEqualTo(1001L);
    }

    @Test
    void shouldGiveKafkaConsumerTheSameRecordsWhenRunnelWritesTheFetchResponse() {
        org.apache.kafka.common.record.internal.MemoryRecords batch =
                org.apache.kafka.common.record.internal.MemoryRecords.withRecords(
                        Compression.NONE, new SimpleRecord(5L, "key".getBytes(StandardCharsets.UTF_8), new byte[300]));
        FetchResponse response = new FetchResponse(
                0,
                (short) 0,
                0,
                List.of(new FetchResponse.FetchableTopicResponse(
                        new UUID(7, 8),
                        List.of(new FetchResponse.PartitionData(
                                0,
                                (short) 0,
                                1L,
                                1L,
                                0L,
                                new FetchResponse.EpochEndOffset(-1, -1L),
                                new FetchResponse.LeaderIdAndEpoch(-1, -1),
                                new FetchResponse.SnapshotId(-1L, -1),
                                List.of(),
                                -1,
                                MemoryRecords.wrap(batch.buffer()))))),
                List.of());

        ByteBuffer frame = RequestCodecTest.concat(ResponseCodec.encode(ApiKey.FETCH, 4, response));
        frame.position(Frames.SIZE_PREFIX_LENGTH + 5); // size prefix, correlation id, empty tagged fields

        FetchResponseData parsed = (FetchResponseData) KafkaMirror.parse(FetchResponseData.class, frame, (short) 17);
        List<String> keys = new ArrayList<>();
        ((org.apache.kafka.common.record.internal.MemoryRecords)
                        parsed.responses().get(0).partitions().get(0).records())
                .records()
                .forEach(r -> keys.add(StandardCharsets.UTF_8.decode(r.key()).toString()));
        assertThat(keys).containsExactly("key");
        assertThat(parsed.responses().get(0).topicId().getLeastSignificantBits())
                .isEqualTo(8L);
    }

    @Test
    void shouldReturnEqualRequestWhenParsedBackFromRequestUtilsSerialization() {
        ProduceRequestData empty = new ProduceRequestData().setAcks((short) 1).setTimeoutMs(5);
        ByteBuffer frame = RequestUtils.serialize(
                new org.apache.kafka.common.message.RequestHeaderData()
                        .setRequestApiKey((short) 0)
                        .setRequestApiVersion((short) 11)
                        .setCorrelationId(3)
                        .setClientId(null),
                (short) 2,
                empty,
                (short) 11);

        ProduceRequest decoded = (ProduceRequest) RequestCodec.decode(frame).body();

        assertThat(decoded).isEqualTo(new ProduceRequest(null, (short) 1, 5, List.of()));
    }
}
