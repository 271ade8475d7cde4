package io.runnel.cli;

import io.runnel.common.errors.InvalidConfigurationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into the one line the command prints: the typed cause's name and message, no stack trace. */
final class Failures {
    private Failures() {}

    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        if ((cause instanceof InputException || cause instanceof RefusedException) && message != null) {
            return message;
        }
        String type = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? type : message + " (" + type + ")";
    }

    /**
     * Whether the failure is a configuration the user gave (a client key, a topic config the broker refuses as
     * invalid): a bad argument, exit code 2, not a failure at run time.
     */
    static boolean isBadConfiguration(Throwable failure) {
        return unwrap(failure) instanceof InvalidConfigurationException;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
