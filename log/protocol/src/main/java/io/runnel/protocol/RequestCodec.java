package io.runnel.protocol;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.errors.UnsupportedVersionException;
import io.runnel.protocol.message.ApiMessageCodec;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Requests as whole frames: the broker decodes them ({@link #decode}), a client encodes them ({@link #encode}).
 *
 * <p>A request is {@code size | header v2 | body} ({@code header v1} for an API at a classic version) (see {@link Frames}, {@link RequestHeader}). Decoding reads the first
 * four header fields, which every header version shares, then checks that Runnel speaks that API at that version
 * before reading further; the body must then take up exactly the rest of the frame.
 *
 * <p>Stateless and thread-safe.
 */
public final class RequestCodec {
    private RequestCodec() {}

    /**
     * A decoded request.
     *
     * @param header the request header
     * @param apiKey the API, whose codec read {@code body}
     * @param body the request body; its record payloads and byte fields are views of the decoded frame
     */
    public record DecodedRequest(RequestHeader header, ApiKey apiKey, Message body) {}

    /**
     * Decodes the contents of one request frame (without its size prefix). The returned body may refer to
     * {@code frame}'s bytes (record payloads are not copied): the caller keeps owning {@code frame} and must not change
     * or release it while the request is in use. {@code frame}'s position is not changed.
     *
     * @throws UnsupportedVersionException if Runnel does not speak this API, or not at this version; the exception
     *     carries the API key, version and correlation id read from the header
     * @throws InvalidRequestException if the bytes do not parse, or do not end where the body ends
     */
    public static DecodedRequest decode(ByteBuffer frame) {
        ProtocolReader reader = ProtocolReader.of(frame);
        short apiKeyId = reader.readInt16();
        short apiVersion = reader.readInt16();
        int correlationId = reader.readInt32();
        String clientId = reader.readNullableString("RequestHeader.ClientId");
        ApiKey apiKey = ApiKey.forId(apiKeyId);
        if (apiKey == null) {
            throw new UnsupportedVersionException(
                    "unknown API key " + apiKeyId + " (version " + apiVersion + ")",
                    apiKeyId,
                    apiVersion,
                    correlationId);
        }
        if (apiVersion != apiKey.version()) {
            throw new UnsupportedVersionException(
                    apiKey + " version " + apiVersion + " is not supported; Runnel speaks version " + apiKey.version(),
                    apiKeyId,
                    apiVersion,
                    correlationId);
        }
        if (apiKey.requestHeaderVersion() == 2) {
            RequestHeader.skipTaggedFields(reader);
        }
        RequestHeader header = new RequestHeader(apiKeyId, apiVersion, correlationId, clientId);
        Message body = apiKey.codec().readRequest(reader);
        reader.ensureFullyRead(apiKey + " request");
        return new DecodedRequest(header, apiKey, body);
    }

    /**
     * Encodes a request as a whole frame, size prefix included, at the API's one version with header v2.
     *
     * @return buffers for a gathering write; record payloads of {@code body} are referred to, not copied, so they must
     *     stay unchanged until written
     * @throws IllegalArgumentException if {@code body} is not {@code apiKey}'s request type
     */
    public static List<ByteBuffer> encode(ApiKey apiKey, int correlationId, @Nullable String clientId, Message body) {
        ProtocolWriter writer = new ProtocolWriter();
        new RequestHeader(apiKey.id(), apiKey.version(), correlationId, clientId)
                .write(writer, apiKey.requestHeaderVersion());
        writeBody(apiKey.codec(), body, writer);
        return Frames.frame(writer.buffers());
    }

    private static <Q extends Message, S extends Message> void writeBody(
            ApiMessageCodec<Q, S> codec, Message body, ProtocolWriter writer) {
        if (!codec.requestType().isInstance(body)) {
            throw new IllegalArgumentException(
                    "body must be a " + codec.requestType().getSimpleName() + ": "
                            + body.getClass().getName());
        }
        codec.writeRequest(codec.requestType().cast(body), writer);
    }
}
