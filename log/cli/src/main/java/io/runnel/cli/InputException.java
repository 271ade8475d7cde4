package io.runnel.cli;

/** Input a command reads (not its arguments) is malformed; the message says where. */
final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InputException(String message) {
        super(message);
    }
}
