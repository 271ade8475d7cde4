package io.runnel.client.admin;

/** Options of {@link Admin#listTopics}: the timeout, and whether internal topics are listed. */
public final class ListTopicsOptions extends AbstractOptions<ListTopicsOptions> {
    private boolean listInternal;

    /** Whether internal topics (such as {@code __consumer_offsets}) are listed too. */
    public ListTopicsOptions listInternal(boolean listInternal) {
        this.listInternal = listInternal;
        return this;
    }

    public boolean shouldListInternal() {
        return listInternal;
    }
}
