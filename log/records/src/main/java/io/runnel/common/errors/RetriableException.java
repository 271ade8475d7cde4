package io.runnel.common.errors;

/** A transient failure: the same operation may succeed if retried, for example after a metadata refresh. */
public class RetriableException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
