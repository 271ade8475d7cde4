package io.runnel.common.errors;

/**
 * The calling thread was interrupted while a client call blocked. The thread's interrupt flag is set again before this
 * is thrown, as Kafka's clients do.
 */
public class InterruptException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InterruptException(InterruptedException cause) {
        super("the thread was interrupted", cause);
        Thread.currentThread().interrupt();
    }
}
