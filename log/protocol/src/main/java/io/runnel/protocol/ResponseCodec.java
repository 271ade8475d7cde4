package io.runnel.protocol;

import io.runnel.protocol.errors.Errors;
import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.message.ApiMessageCodec;
import io.runnel.protocol.message.ApiVersionsResponse;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Responses as whole frames: the broker encodes them ({@link #encode}), a client decodes them ({@link #decode}).
 *
 * <p>A response is {@code size | header | body}, with header v1, or v0 for ApiVersions (see {@link ResponseHeader}).
 *
 * <h2>The ApiVersions fallback</h2>
 *
 * A client opens a connection with an ApiVersions request at the newest version it knows. A broker that does not speak
 * that version answers with a <em>version 0</em> ApiVersions response: error {@code UNSUPPORTED_VERSION} and the list of
 * APIs and versions it does speak; the client then retries at the newest ApiVersions version both sides know.
 * Kafka-clients 4.x open with ApiVersions v5, Runnel speaks v4, so this path runs on every connection from them.
 * {@link #encodeApiVersionsFallback} writes that response; {@link #decode} reads it when the full-version parse fails,
 * as Kafka's clients do. Version 0's body is {@code error_code int16 | api_keys array(int32 count) of (api_key int16,
 * min_version int16, max_version int16)}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResponseCodec {
    private ResponseCodec() {}

    /**
     * A decoded response.
     *
     * @param header the response header
     * @param body the body; its record payloads and byte fields are views of the decoded frame
     */
    public record DecodedResponse(ResponseHeader header, Message body) {}

    /**
     * Encodes a response as a whole frame, size prefix included.
     *
     * @return buffers for a gathering write; record payloads of {@code body} (fetched batches) are referred to, not
     *     copied, so their owner must keep them unchanged until written
     * @throws IllegalArgumentException if {@code body} is not {@code apiKey}'s response type
     */
    public static List<ByteBuffer> encode(ApiKey apiKey, int correlationId, Message body) {
        ProtocolWriter writer = new ProtocolWriter();
        new ResponseHeader(correlationId).write(writer, apiKey.responseHeaderVersion());
        writeBody(apiKey.codec(), body, writer);
        return Frames.frame(writer.buffers());
    }

    /**
     * Encodes a response as a whole frame into {@code sink}, size prefix first. Unlike {@link #encode(ApiKey, int,
     * Message)}, the records of a fetch response may be file regions ({@link io.runnel.records.FileRecords}): they
     * reach the sink as regions, for a zero-copy send.
     *
     * @throws IllegalArgumentException if {@code body} is not {@code apiKey}'s response type
     */
    public static void encode(ApiKey apiKey, int correlationId, Message body, ProtocolWriter.OutputSink sink) {
        ProtocolWriter writer = new ProtocolWriter();
        new ResponseHeader(correlationId).write(writer, apiKey.responseHeaderVersion());
        writeBody(apiKey.codec(), body, writer);
        sink.bytes(ByteBuffer.allocate(Frames.SIZE_PREFIX_LENGTH)
                .putInt(0, writer.size())
                .asReadOnlyBuffer());
        writer.writeTo(sink);
    }

    /**
     * Encodes the version 0 ApiVersions response a broker sends when a client asks for ApiVersions at a version the
     * broker does not speak: {@code UNSUPPORTED_VERSION} and the APIs Runnel speaks, size prefix included.
     */
    public static ByteBuffer encodeApiVersionsFallback(int correlationId) {
        ProtocolWriter writer = new ProtocolWriter();
        new ResponseHeader(correlationId).write(writer, (short) 0);
        writer.writeInt16(Errors.UNSUPPORTED_VERSION.code());
        List<ApiVersionsResponse.ApiVersion> apis = supportedApis();
        writer.writeArrayLength(apis.size());
        for (ApiVersionsResponse.ApiVersion api : apis) {
            writer.writeInt16(api.apiKey());
            writer.writeInt16(api.minVersion());
            writer.writeInt16(api.maxVersion());
        }
        List<ByteBuffer> framed = Frames.frame(writer.buffers());
        ByteBuffer all = ByteBuffer.allocate(Frames.SIZE_PREFIX_LENGTH + writer.size());
        framed.forEach(all::put);
        return all.flip();
    }

    /** The APIs Runnel speaks, each with its one version as both minimum and maximum, ordered by key. */
    public static List<ApiVersionsResponse.ApiVersion> supportedApis() {
        List<ApiVersionsResponse.ApiVersion> apis = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            apis.add(new ApiVersionsResponse.ApiVersion(key.id(), key.version(), key.version()));
        }
        apis.sort((a, b) -> Short.compare(a.apiKey(), b.apiKey()));
        return List.copyOf(apis);
    }

    /**
     * Decodes the contents of one response frame (without its size prefix) to a request of {@code apiKey}. An
     * ApiVersions response that does not parse at Runnel's version is read as the version 0 fallback (see above).
     * The body may refer to {@code frame}'s bytes; the caller keeps owning {@code frame}.
     *
     * @throws InvalidRequestException if the bytes do not parse, or do not end where the body ends
     */
    public static DecodedResponse decode(ByteBuffer frame, ApiKey apiKey) {
        ProtocolReader reader = ProtocolReader.of(frame);
        ResponseHeader header = ResponseHeader.read(reader, apiKey.responseHeaderVersion());
        if (apiKey == ApiKey.API_VERSIONS) {
            int bodyStart = reader.position();
            try {
                return new DecodedResponse(header, readWhole(apiKey, reader));
            } catch (InvalidRequestException e) {
                ProtocolReader v0 = ProtocolReader.of(frame.duplicate().position(frame.position() + bodyStart));
                return new DecodedResponse(header, readApiVersionsV0(v0));
            }
        }
        return new DecodedResponse(header, readWhole(apiKey, reader));
    }

    private static Message readWhole(ApiKey apiKey, ProtocolReader reader) {
        Message body = apiKey.codec().readResponse(reader);
        reader.ensureFullyRead(apiKey + " response");
        return body;
    }

    private static ApiVersionsResponse readApiVersionsV0(ProtocolReader reader) {
        short errorCode = reader.readInt16();
        int count = reader.readArrayLength("ApiVersionsResponse.ApiKeys", 6);
        if (count < 0) {
            throw reader.nullNotAllowed("ApiVersionsResponse.ApiKeys");
        }
        List<ApiVersionsResponse.ApiVersion> apis = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            apis.add(new ApiVersionsResponse.ApiVersion(reader.readInt16(), reader.readInt16(), reader.readInt16()));
        }
        reader.ensureFullyRead("ApiVersions v0 response");
        return new ApiVersionsResponse(errorCode, apis, 0, List.of(), -1L, List.of(), false);
    }

    private static <Q extends Message, S extends Message> void writeBody(
            ApiMessageCodec<Q, S> codec, Message body, ProtocolWriter writer) {
        if (!codec.responseType().isInstance(body)) {
            throw new IllegalArgumentException(
                    "body must be a " + codec.responseType().getSimpleName() + ": "
                            + body.getClass().getName());
        }
        codec.writeResponse(codec.responseType().cast(body), writer);
    }
}
