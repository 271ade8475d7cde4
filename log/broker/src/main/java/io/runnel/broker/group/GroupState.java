package io.runnel.broker.group;

/**
 * The states of a classic group, with Kafka's names (what DescribeGroups and ListGroups report).
 *
 * <pre>
 *   Empty ──join──▶ PreparingRebalance ──all joined / timeout──▶ CompletingRebalance ──leader's sync──▶ Stable
 *     ▲                 ▲   │ no member left                         │ member joins, leaves, fails     │
 *     └─────────────────┼───┘                                        └──────────▶ PreparingRebalance ◀─┘
 *   Dead: deleted, or every offset of an empty group expired; the group is gone from memory.
 * </pre>
 */
enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** The name Kafka uses on the wire and in its tools. */
    String kafkaName() {
        return kafkaName;
    }

    /** The state of this name, case-insensitively (ListGroups filters), or null. */
    static @org.jspecify.annotations.Nullable GroupState forName(String name) {
        for (GroupState state : values()) {
            if (state.kafkaName.equalsIgnoreCase(name)) {
                return state;
            }
        }
        return null;
    }
}
