package io.runnel.cli;

/** The command will not act in the cluster's current state (a group with members, say); the message says why. */
final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RefusedException(String message) {
        super(message);
    }
}
