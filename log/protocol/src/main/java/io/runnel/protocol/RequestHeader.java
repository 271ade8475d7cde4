package io.runnel.protocol;

import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import org.jspecify.annotations.Nullable;

/**
 * The header in front of every request body. Layout, big-endian:
 *
 * <pre>
 * v1: api_key int16 | api_version int16 | correlation_id int32 | client_id nullable string (int16 length, -1 = null)
 * v2: v1 followed by a tagged-field section (unsigned varint count, then tag/size/value; none are defined)
 * </pre>
 *
 * The client id stays a classic (non-compact) string in v2, as in Kafka. Requests of flexible versions, which is every
 * version Runnel speaks, use v2; v1 is read only to answer an old ApiVersions request.
 *
 * @param apiKey Kafka's API key
 * @param apiVersion the version of the body that follows
 * @param correlationId chosen by the client and echoed in the response, to match the two
 * @param clientId the client's self-chosen name, for logs and quotas; may be null
 */
public record RequestHeader(short apiKey, short apiVersion, int correlationId, @Nullable String clientId) {
    /** Reads a header of version 1 or 2, skipping any tagged fields of v2. */
    public static RequestHeader read(ProtocolReader reader, short headerVersion) {
        checkVersion(headerVersion);
        short apiKey = reader.readInt16();
        short apiVersion = reader.readInt16();
        int correlationId = reader.readInt32();
        String clientId = reader.readNullableString("RequestHeader.ClientId");
        if (headerVersion == 2) {
            skipTaggedFields(reader);
        }
        return new RequestHeader(apiKey, apiVersion, correlationId, clientId);
    }

    /** Writes this header as version 1 or 2 (with an empty tagged-field section). */
    public void write(ProtocolWriter writer, short headerVersion) {
        checkVersion(headerVersion);
        writer.writeInt16(apiKey);
        writer.writeInt16(apiVersion);
        writer.writeInt32(correlationId);
        writer.writeNullableString(clientId);
        if (headerVersion == 2) {
            writer.writeUnsignedVarint(0);
        }
    }

    static void skipTaggedFields(ProtocolReader reader) {
        int count = reader.readUnsignedVarint();
        for (int i = 0; i < count; i++) {
            reader.readUnsignedVarint();
            reader.skipTaggedFieldValue();
        }
    }

    private static void checkVersion(short headerVersion) {
        if (headerVersion != 1 && headerVersion != 2) {
            throw new IllegalArgumentException("request header version must be 1 or 2: " + headerVersion);
        }
    }
}
