package io.runnel.client.admin;

import java.util.Objects;

/**
 * A thing with configs, as Kafka's {@code ConfigResource}: a topic by name, or a broker by id (as a string; empty for
 * the cluster-wide default). Immutable.
 *
 * @param type what kind of resource
 * @param name its name
 */
public record ConfigResource(Type type, String name) {
    public ConfigResource {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
    }

    /** Resource types, with Kafka's ids. */
    public enum Type {
        UNKNOWN((byte) 0),
        TOPIC((byte) 2),
        BROKER((byte) 4),
        BROKER_LOGGER((byte) 8),
        CLIENT_METRICS((byte) 16),
        GROUP((byte) 32);

        private final byte id;

        Type(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }

        /** The type with this id, or {@link #UNKNOWN}. */
        public static Type forId(byte id) {
            for (Type type : values()) {
                if (type.id == id) {
                    return type;
                }
            }
            return UNKNOWN;
        }
    }
}
