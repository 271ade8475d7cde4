package io.runnel.broker.testkit;

import io.runnel.protocol.ApiKey;
import io.runnel.protocol.RequestCodec;
import io.runnel.protocol.ResponseCodec;
import io.runnel.protocol.message.Message;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * One plain socket to a broker that sends requests encoded by our own {@link RequestCodec} and decodes the answers,
 * for APIs no kafka-clients 4.4 method issues (AlterConfigs), requests Kafka's Admin would not route (another
 * broker's id, unknown resource types), and to ask a broker directly rather than the address it advertises. One
 * request at a time; close it.
 */
public final class RawKafkaConnection implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private int correlationId;

    public RawKafkaConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code request} and waits for its response body. */
    @SuppressWarnings("unchecked")
    public <R extends Message> R send(ApiKey api, Message request) throws IOException {
        int id = ++correlationId;
        for (ByteBuffer buffer : RequestCodec.encode(api, id, "raw-test", request)) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.write(bytes);
        }
        out.flush();
        byte[] frame = new byte[in.readInt()];
        in.readFully(frame);
        ResponseCodec.DecodedResponse response = ResponseCodec.decode(ByteBuffer.wrap(frame), api);
        if (response.header().correlationId() != id) {
            throw new IOException(
                    "response to correlation id " + response.header().correlationId() + ", expected " + id);
        }
        return (R) response.body();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
