package io.runnel.protocol;

import io.runnel.protocol.message.ApiMessageCodec;
import io.runnel.protocol.message.Message;
import io.runnel.protocol.types.ProtocolReader;
import io.runnel.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * One message body under test: the request or the response of one API. Shared by the codec tests, which run every
 * case, so that a new API is covered by adding it to {@link ApiKey}.
 *
 * @param api the API
 * @param request true for the request body, false for the response body
 */
record MessageCase(ApiKey api, boolean request) {
    static Stream<MessageCase> all() {
        return Arrays.stream(ApiKey.values())
                .flatMap(api -> Stream.of(new MessageCase(api, true), new MessageCase(api, false)));
    }

    Class<? extends Message> type() {
        return request ? api.codec().requestType() : api.codec().responseType();
    }

    short version() {
        return api.version();
    }

    Message random(long seed) {
        return new RandomMessages(seed).next(type());
    }

    ByteBuffer encode(Message message) {
        ProtocolWriter writer = new ProtocolWriter();
        write(api.codec(), message, writer);
        return writer.toByteBuffer();
    }

    /** Decodes a whole body; trailing bytes are an error. */
    Message decode(ByteBuffer bytes) {
        ProtocolReader reader = ProtocolReader.of(bytes);
        Message message =
                request ? api.codec().readRequest(reader) : api.codec().readResponse(reader);
        reader.ensureFullyRead(toString());
        return message;
    }

    private <Q extends Message, S extends Message> void write(
            ApiMessageCodec<Q, S> codec, Message message, ProtocolWriter writer) {
        if (request) {
            codec.writeRequest(codec.requestType().cast(message), writer);
        } else {
            codec.writeResponse(codec.responseType().cast(message), writer);
        }
    }

    @Override
    public String toString() {
        return type().getSimpleName() + " v" + version();
    }
}
