package io.runnel.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line the command prints: the typed cause's name and message, no stack trace. */
final class Failures {
    private Failures() {}

    static String describe(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        if ((cause instanceof InputException || cause instanceof RefusedException) && message != null) {
            return message;
        }
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message + " (" + type + ")";
    }
}
