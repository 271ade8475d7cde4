package io.runnel.streams.errors;

/**
 * Decides what happens when a stream thread dies of an exception, as Kafka's handler of the same name. Set it with
 * {@code RunnelStreams.setUncaughtExceptionHandler}; without one the client shuts down ({@link
 * StreamThreadExceptionResponse#SHUTDOWN_CLIENT}).
 *
 * <p>Called on the dying stream thread; it must not block for long.
 */
@FunctionalInterface
public interface StreamsUncaughtExceptionHandler {

    /** What to do about the thread that failed. */
    enum StreamThreadExceptionResponse {
        /** Start a new stream thread in place of the dead one; it takes over the dead thread's tasks. */
        REPLACE_THREAD,
        /** Shut this client down: its state goes to {@code PENDING_ERROR}, then {@code ERROR}. */
        SHUTDOWN_CLIENT,
        /**
         * Shut down every instance of the application. Until instances share work through a consumer group, this
         * instance is the whole application, so it shuts down as with {@link #SHUTDOWN_CLIENT}.
         */
        SHUTDOWN_APPLICATION
    }

    /**
     * @param exception what the thread died of: a {@link StreamsException} naming the task and the record for a
     *     processing failure
     * @return what to do; null counts as {@link StreamThreadExceptionResponse#SHUTDOWN_CLIENT}
     */
    StreamThreadExceptionResponse handle(Throwable exception);
}
