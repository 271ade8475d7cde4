package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.MetadataRequest;
import io.runnel.protocol.message.ProduceRequest;
import io.runnel.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole request frames: headers and bodies together, as a Kafka client sends them and as Runnel's clients will. */
@Timeout(30)
class RequestCodecTest {
    @Test
    void shouldDecodeHeaderAndBodyWhenKafkaClientSerializedTheRequest() {
        MetadataRequestData body = new MetadataRequestData()
                .setTopics(null)
                .setAllowAutoTopicCreation(true)
                .setIncludeTopicAuthorizedOperations(false);
        ByteBuffer frame = kafkaRequest((short) 3, (short) 12, 42, "consumer-1", body);

        RequestCodec.DecodedRequest decoded = RequestCodec.decode(frame);

        assertThat(decoded.apiKey()).isEqualTo(ApiKey.METADATA);
        assertThat(decoded.header()).isEqualTo(new RequestHeader((short) 3, (short) 12, 42, "consumer-1"));
        assertThat(decoded.body()).isEqualTo(new MetadataRequest(null, true, false));
    }

    @Test
    void shouldProduceKafkaBytesWhenEncodingAFrame() {
        MetadataRequest body = new MetadataRequest(List.of(), false, true);
        ByteBuffer expected = kafkaRequest((short) 3, (short) 12, 7, null, KafkaMirror.toKafka(body));

        List<ByteBuffer> framed = RequestCodec.encode(ApiKey.METADATA, 7, null, body);

        ByteBuffer all = concat(framed);
        assertThat(all.getInt(0)).isEqualTo(expected.remaining());
        assertThat(Canonical.hex(all.position(4))).isEqualTo(Canonical.hex(expected));
    }

    @Test
    void shouldCarryHeaderFactsWhenApiKeyIsUnknown() {
        ByteBuffer frame = kafkaRequest((short) 999, (short) 0, 5, "x", new ApiVersionsRequestData());

        assertThatThrownBy(() -> RequestCodec.decode(frame))
                .isInstanceOfSatisfying(UnsupportedVersionException.class, e -> {
                    assertThat(e.apiKey()).isEqualTo((short) 999);
                    assertThat(e.correlationId()).isEqualTo(5);
                });
    }

    @Test
    void shouldRefuseWhenVersionIsNotTheOneRunnelSpeaks() {
        ByteBuffer frame = kafkaRequest((short) 3, (short) 11, 6, "x", new MetadataRequestData());

        assertThatThrownBy(() -> RequestCodec.decode(frame))
                .isInstanceOfSatisfying(UnsupportedVersionException.class, e -> {
                    assertThat(e.apiVersion()).isEqualTo((short) 11);
                    assertThat(e.correlationId()).isEqualTo(6);
                });
    }

    @Test
    void shouldRefuseWhenFrameEndsInsideTheHeader() {
        ByteBuffer frame = ByteBuffer.wrap(new byte[] {0, 3, 0, 12, 0});

        assertThatThrownBy(() -> RequestCodec.decode(frame)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void shouldViewRecordsInPlaceWhenDecodingAProduceRequest() {
        byte[] payload = new byte[200];
        payload[0] = 1;
        ProduceRequest request = new ProduceRequest(
                null,
                (short) -1,
                30_000,
                List.of(new ProduceRequest.TopicProduceData(
                        "t",
                        List.of(new ProduceRequest.PartitionProduceData(
                                0, MemoryRecords.wrap(ByteBuffer.wrap(payload)))))));
        ByteBuffer frame = concat(RequestCodec.encode(ApiKey.PRODUCE, 1, "p", request));
        frame.position(Frames.SIZE_PREFIX_LENGTH);

        ProduceRequest decoded = (ProduceRequest) RequestCodec.decode(frame).body();
        MemoryRecords records =
                decoded.topicData().get(0).partitionData().get(0).records();
        // The records end 3 bytes before the frame: the partition's, topic's and request's empty tagged-field sections.
        frame.put(frame.limit() - 3 - 200, (byte) 99);

        assertThat(records).isNotNull();
        assertThat(records.sizeInBytes()).isEqualTo(200);
        assertThat(records.buffer().get(0))
                .as("a view of the frame, not a copy")
                .isEqualTo((byte) 99);
    }

    @Test
    void shouldReferToRecordsWithoutCopyingWhenEncoding() {
        byte[] payload = new byte[500];
        ProduceRequest request = new ProduceRequest(
                null,
                (short) 1,
                1000,
                List.of(new ProduceRequest.TopicProduceData(
                        "t",
                        List.of(new ProduceRequest.PartitionProduceData(
                                3, MemoryRecords.wrap(ByteBuffer.wrap(payload)))))));

        List<ByteBuffer> framed = RequestCodec.encode(ApiKey.PRODUCE, 1, "p", request);
        payload[0] = 42;

        assertThat(framed).anySatisfy(buffer -> {
            assertThat(buffer.remaining()).isEqualTo(500);
            assertThat(buffer.get(buffer.position())).isEqualTo((byte) 42);
        });
    }

    @Test
    void shouldRejectBodyOfAnotherApiWhenEncoding() {
        MetadataRequest body = new MetadataRequest(List.of(), false, false);

        assertThatThrownBy(() -> RequestCodec.encode(ApiKey.PRODUCE, 1, null, body))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ProduceRequest");
    }

    static ByteBuffer kafkaRequest(short key, short version, int correlationId, String clientId, ApiMessage body) {
        RequestHeaderData header = new RequestHeaderData()
                .setRequestApiKey(key)
                .setRequestApiVersion(version)
                .setCorrelationId(correlationId)
                .setClientId(clientId);
        return RequestUtils.serialize(header, (short) 2, body, version);
    }

    static ByteBuffer concat(List<ByteBuffer> buffers) {
        int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        buffers.forEach(b -> all.put(b.duplicate()));
        return all.flip();
    }
}
