package io.runnel.state;

import io.runnel.common.errors.RunnelException;

/** A store's storage engine failed: opening, reading, writing, flushing or restoring. */
public class ProcessorStateException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public ProcessorStateException(String message) {
        super(message);
    }

    public ProcessorStateException(String message, Throwable cause) {
        super(message, cause);
    }
}
