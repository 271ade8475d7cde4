package io.runnel.common.errors;

/** Thrown by a blocking consumer call that another thread interrupted with {@code wakeup()}. */
public class WakeupException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public WakeupException() {
        super("the consumer was woken up");
    }
}
