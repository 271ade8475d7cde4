package io.runnel.common;

/**
 * The state of a group as its coordinator reports it, as Kafka's {@code GroupState}. A classic group goes
 * {@code Empty → PreparingRebalance → CompletingRebalance → Stable} and back to {@code PreparingRebalance} when a member
 * joins or leaves; {@code Dead} is a group that no longer exists (or never did). {@code Assigning}, {@code Reconciling}
 * and {@code NotReady} belong to the newer group types. {@link #toString()} is the name on the wire.
 */
public enum GroupState {
    UNKNOWN("Unknown"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead"),
    EMPTY("Empty"),
    ASSIGNING("Assigning"),
    RECONCILING("Reconciling"),
    NOT_READY("NotReady");

    private final String name;

    GroupState(String name) {
        this.name = name;
    }

    /** The state with this wire name, ignoring case; {@link #UNKNOWN} for a name this version does not know. */
    public static GroupState parse(String name) {
        for (GroupState state : values()) {
            if (state.name.equalsIgnoreCase(name)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    @Override
    public String toString() {
        return name;
    }
}
