package io.runnel.broker.group;

/**
 * Timeouts of the group coordinator, by key: scheduling a key again replaces its earlier task. Tasks run on the
 * coordinator thread, so they see and change group state without locks. The broker runs them on that thread's
 * scheduler ({@link CoordinatorRuntime}); tests step a manual one.
 */
interface CoordinatorTimer {
    /** Runs {@code task} at {@code deadlineMs} (by the coordinator's clock) unless cancelled or replaced first. */
    void schedule(String key, long deadlineMs, Runnable task);

    /** Cancels the task of {@code key}, if any. */
    void cancel(String key);
}
