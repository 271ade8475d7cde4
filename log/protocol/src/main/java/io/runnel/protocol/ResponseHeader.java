package io.runnel.protocol;

import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;

/**
 * The header in front of every response body. Layout:
 *
 * <pre>
 * v0: correlation_id int32
 * v1: correlation_id int32 | tagged-field section (unsigned varint count, then tag/size/value; none are defined)
 * </pre>
 *
 * Responses of flexible versions use v1, except ApiVersions responses, which always use v0 so that a client can read
 * them before it knows which versions the broker speaks.
 *
 * @param correlationId the correlation id of the request this answers
 */
public record ResponseHeader(int correlationId) {
    /** Reads a header of version 0 or 1, skipping any tagged fields of v1. */
    public static ResponseHeader read(ProtocolReader reader, short headerVersion) {
        checkVersion(headerVersion);
        int correlationId = reader.readInt32();
        if (headerVersion == 1) {
            RequestHeader.skipTaggedFields(reader);
        }
        return new ResponseHeader(correlationId);
    }

    /** Writes this header as version 0 or 1 (with an empty tagged-field section). */
    public void write(ProtocolWriter writer, short headerVersion) {
        checkVersion(headerVersion);
        writer.writeInt32(correlationId);
        if (headerVersion == 1) {
            writer.writeUnsignedVarint(0);
        }
    }

    private static void checkVersion(short headerVersion) {
        if (headerVersion != 0 && headerVersion != 1) {
            throw new IllegalArgumentException("response header version must be 0 or 1: " + headerVersion);
        }
    }
}
