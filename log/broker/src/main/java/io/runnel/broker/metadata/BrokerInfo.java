package io.runnel.broker.metadata;

import org.jspecify.annotations.Nullable;

/**
 * A live broker as registered in ZooKeeper.
 *
 * @param id the broker id ({@code node.id} / {@code broker.id}), {@code >= 0}
 * @param host the host clients connect to
 * @param port the port clients connect to
 * @param rack the rack, or null
 */
public record BrokerInfo(int id, String host, int port, @Nullable String rack) {
    public BrokerInfo {
        if (id < 0) {
            throw new IllegalArgumentException("broker id must be >= 0: " + id);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
        }
    }
}
