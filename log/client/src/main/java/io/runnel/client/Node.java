package io.runnel.client;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A broker, as Kafka's {@code Node}: id, host, port and optional rack. Bootstrap addresses, whose ids are not known yet,
 * get negative ids. Immutable.
 *
 * @param id the broker id ({@code broker.id}), negative for a bootstrap address
 * @param host the advertised host
 * @param port the advertised port
 * @param rack the rack, or null
 */
public record Node(int id, String host, int port, @Nullable String rack) {
    public Node {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
    }

    public Node(int id, String host, int port) {
        this(id, host, port, null);
    }

    /** The id as a string, as Kafka's {@code Node.idString()}. */
    public String idString() {
        return Integer.toString(id);
    }

    @Override
    public String toString() {
        return host + ":" + port + " (id: " + id + (rack == null ? "" : " rack: " + rack) + ")";
    }
}
