package io.runnel.common;

/**
 * The protocol a group runs, as Kafka's {@code GroupType}: {@code Classic} (JoinGroup/SyncGroup, which Runnel's
 * consumers use) or one of the newer ones. {@link #toString()} is the name on the wire.
 */
public enum GroupType {
    UNKNOWN("Unknown"),
    CONSUMER("Consumer"),
    CLASSIC("Classic"),
    SHARE("Share"),
    STREAMS("Streams");

    private final String name;

    GroupType(String name) {
        this.name = name;
    }

    /** The type with this wire name, ignoring case; {@link #UNKNOWN} for a name this version does not know. */
    public static GroupType parse(String name) {
        for (GroupType type : values()) {
            if (type.name.equalsIgnoreCase(name)) {
                return type;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
