package io.runnel.client.admin;

/** Options of {@link Admin#listConsumerGroupOffsets}: whether to wait for pending transactional offsets, the timeout. */
public final class ListConsumerGroupOffsetsOptions extends AbstractOptions<ListConsumerGroupOffsetsOptions> {
    private boolean requireStable;

    /**
     * Whether the coordinator should answer only once no transactional offset commit is pending for the partitions
     * (it answers {@code UNSTABLE_OFFSET_COMMIT} meanwhile, which the client retries). Default false.
     */
    public ListConsumerGroupOffsetsOptions requireStable(boolean requireStable) {
        this.requireStable = requireStable;
        return this;
    }

    public boolean requireStable() {
        return requireStable;
    }
}
