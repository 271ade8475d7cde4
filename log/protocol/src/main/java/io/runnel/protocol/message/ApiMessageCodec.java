package io.runnel.protocol.message;

import io.runnel.protocol.errors.InvalidRequestException;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;

/**
 * Reads and writes the request and response bodies of one API at the one version Runnel speaks. Headers and framing
 * are not part of the body; see {@code io.runnel.protocol.RequestHeader} and {@code io.runnel.protocol.Frames}.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * @param <Q> the request body
 * @param <S> the response body
 */
public interface ApiMessageCodec<Q extends Message, S extends Message> {
    /** Kafka's API key. */
    short apiKey();

    /** The version read and written. */
    short version();

    Class<Q> requestType();

    Class<S> responseType();

    /**
     * Reads a request body from the reader's position; the caller checks that nothing trails it.
     *
     * @throws InvalidRequestException if the bytes do not parse
     */
    Q readRequest(ProtocolReader reader);

    void writeRequest(Q request, ProtocolWriter writer);

    /**
     * Reads a response body from the reader's position; the caller checks that nothing trails it.
     *
     * @throws InvalidRequestException if the bytes do not parse
     */
    S readResponse(ProtocolReader reader);

    void writeResponse(S response, ProtocolWriter writer);
}
