package io.runnel.client.admin;

import java.util.Objects;

/**
 * One change to a config, as Kafka's {@code AlterConfigOp}. Immutable.
 *
 * @param configEntry the key, and the value for SET / APPEND / SUBTRACT
 * @param opType what to do
 */
public record AlterConfigOp(ConfigEntry configEntry, OpType opType) {
    public AlterConfigOp {
        Objects.requireNonNull(configEntry, "configEntry");
        Objects.requireNonNull(opType, "opType");
    }

    /** The operations, with Kafka's ids. */
    public enum OpType {
        /** Set the value. */
        SET((byte) 0),
        /** Remove the value, back to the default. */
        DELETE((byte) 1),
        /** Add to a list value. */
        APPEND((byte) 2),
        /** Remove from a list value. */
        SUBTRACT((byte) 3);

        private final byte id;

        OpType(byte id) {
            this.id = id;
        }

        public byte id() {
            return id;
        }
    }
}
