package io.runnel.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.FetchResponse;
import io.runnel.records.MemoryRecords;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.RequestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whole response frames, including the ApiVersions version-0 fallback that every kafka-clients 4.x connection uses. */
@Timeout(30)
class ResponseCodecTest {
    @Test
    void shouldAnswerWithFallbackThatKafkaClientReadsWhenClientOpensWithApiVersionsV5() {
        ByteBuffer request = RequestCodecTest.kafkaRequest(
                (short) 18,
                (short) 5,
                11,
                "kafka-4.4-client",
                new ApiVersionsRequestData()
                        .setClientSoftwareName("apache-kafka-java")
                        .setClientSoftwareVersion("4.4.0"));

        UnsupportedVersionException refused = catchUnsupported(request);
        ByteBuffer response = ResponseCodec.encodeApiVersionsFallback(refused.correlationId());

        ByteBuffer contents = response.duplicate().position(Frames.SIZE_PREFIX_LENGTH);
        ByteBufferAccessor accessor = new ByteBufferAccessor(contents);
        ResponseHeaderData header = new ResponseHeaderData(accessor, (short) 0);
        org.apache.kafka.common.requests.ApiVersionsResponse parsed =
                org.apache.kafka.common.requests.ApiVersionsResponse.parse(accessor, (short) 5);
        assertThat(response.getInt(0)).isEqualTo(response.remaining() - 4);
        assertThat(header.correlationId()).isEqualTo(11);
        assertThat(parsed.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(parsed.data().apiKeys().find((short) 18).maxVersion()).isEqualTo((short) 4);
        assertThat(parsed.data().apiKeys()).hasSize(ApiKey.values().length);
    }

    @Test
    void shouldProduceKafkaBytesWithHeaderV0WhenEncodingApiVersionsResponse() {
        ApiVersionsResponse body =
                new ApiVersionsResponse((short) 0, ResponseCodec.supportedApis(), 0, List.of(), -1L, List.of(), false);
        ByteBuffer expected = kafkaResponse(3, (short) 0, KafkaMirror.toKafka(body), (short) 4);

        ByteBuffer all = RequestCodecTest.concat(ResponseCodec.encode(ApiKey.API_VERSIONS, 3, body));

        assertThat(Canonical.hex(all.position(4))).isEqualTo(Canonical.hex(expected));
    }

    @Test
    void shouldReadVersionZeroFallbackWhenBrokerDoesNotSpeakOurApiVersionsVersion() {
        ApiVersionsResponseData v0 = new ApiVersionsResponseData().setErrorCode(Errors.UNSUPPORTED_VERSION.code());
        v0.apiKeys()
                .add(new ApiVersionsResponseData.ApiVersion()
                        .setApiKey((short) 18)
                        .setMinVersion((short) 0)
                        .setMaxVersion((short) 3));
        ByteBuffer frame = kafkaResponse(9, (short) 0, v0, (short) 0);

        ResponseCodec.DecodedResponse decoded = ResponseCodec.decode(frame, ApiKey.API_VERSIONS);

        ApiVersionsResponse body = (ApiVersionsResponse) decoded.body();
        assertThat(decoded.header().correlationId()).isEqualTo(9);
        assertThat(body.errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(body.apiKeys())
                .containsExactly(new ApiVersionsResponse.ApiVersion((short) 18, (short) 0, (short) 3));
    }

    @Test
    void shouldDecodeFetchResponseWithHeaderV1WhenKafkaEncodedIt() {
        FetchResponse body = new FetchResponse(
                0,
                (short) 0,
                17,
                List.of(new FetchResponse.FetchableTopicResponse(
                        new UUID(1, 2),
                        List.of(new FetchResponse.PartitionData(
                                0,
                                (short) 0,
                                100L,
                                100L,
                                0L,
                                new FetchResponse.EpochEndOffset(-1, -1L),
                                new FetchResponse.LeaderIdAndEpoch(1, 5),
                                new FetchResponse.SnapshotId(-1L, -1),
                                null,
                                -1,
                                MemoryRecords.wrap(ByteBuffer.wrap(new byte[] {1, 2, 3})))))),
                List.of());
        ByteBuffer frame = kafkaResponse(77, (short) 1, KafkaMirror.toKafka(body), (short) 17);

        ResponseCodec.DecodedResponse decoded = ResponseCodec.decode(frame, ApiKey.FETCH);

        assertThat(decoded.header().correlationId()).isEqualTo(77);
        assertThat(Canonical.of(decoded.body())).isEqualTo(Canonical.of(body));
    }

    private static UnsupportedVersionException catchUnsupported(ByteBuffer request) {
        try {
            RequestCodec.decode(request);
        } catch (UnsupportedVersionException e) {
            return e;
        }
        throw new AssertionError("ApiVersions v5 was accepted");
    }

    private static ByteBuffer kafkaResponse(int correlationId, short headerVersion, ApiMessage body, short version) {
        return RequestUtils.serialize(
                new ResponseHeaderData().setCorrelationId(correlationId), headerVersion, body, version);
    }
}
