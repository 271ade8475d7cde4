package io.runnel.protocol.errors;

import io.runnel.common.errors.RunnelException;

/**
 * Bytes that do not parse as the message they claim to be: truncated, a negative or impossible length, a count of
 * array elements larger than the bytes that remain, a null where the schema forbids one, trailing bytes, or a frame
 * larger than allowed. Maps to Kafka's {@code INVALID_REQUEST} (42), the code a Kafka broker answers with when it
 * cannot parse a request; a client that reads a malformed response raises it too.
 *
 * <p>The message names the field and the byte position where parsing failed.
 */
public class InvalidRequestException extends RunnelException implements ProtocolError {
    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }

    @Override
    public Errors error() {
        return Errors.INVALID_REQUEST;
    }
}
