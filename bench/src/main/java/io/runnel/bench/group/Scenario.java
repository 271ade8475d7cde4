package io.runnel.bench.group;

/** What one measurement measures. */
enum Scenario {
    EAGER_LEAVE("eager (RangeAssignor): a member leaves", "ms", false),
    EAGER_JOIN("eager (RangeAssignor): a member joins", "ms", false),
    COOPERATIVE_LEAVE("cooperative (CooperativeStickyAssignor): a member leaves", "ms", false),
    COOPERATIVE_JOIN("cooperative (CooperativeStickyAssignor): a member joins", "ms", false),
    COMMIT_ONE("commitSync of 1 partition's offset, one member", "commits/s", true),
    COMMIT_ALL("commitSync of all 60 partitions' offsets, one member", "commits/s", true);

    private final String title;
    private final String unit;
    private final boolean higherIsBetter;

    Scenario(String title, String unit, boolean higherIsBetter) {
        this.title = title;
        this.unit = unit;
        this.higherIsBetter = higherIsBetter;
    }

    String title() {
        return title;
    }

    String unit() {
        return unit;
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The rebalance after a member leaves (true) or joins (false); meaningless for the commit scenarios. */
    static Scenario rebalance(Protocol protocol, boolean leave) {
        if (protocol == Protocol.EAGER) {
            return leave ? EAGER_LEAVE : EAGER_JOIN;
        }
        return leave ? COOPERATIVE_LEAVE : COOPERATIVE_JOIN;
    }

    /** The two rebalance protocols of the classic consumer, by the assignor that chooses them. */
    enum Protocol {
        EAGER("org.apache.kafka.clients.consumer.RangeAssignor"),
        COOPERATIVE("org.apache.kafka.clients.consumer.CooperativeStickyAssignor");

        private final String assignorClass;

        Protocol(String assignorClass) {
            this.assignorClass = assignorClass;
        }

        /** The {@code partition.assignment.strategy} that selects it. */
        String assignorClass() {
            return assignorClass;
        }
    }
}
