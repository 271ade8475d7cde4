package io.runnel.storage;

import org.jspecify.annotations.Nullable;

/**
 * Recognises the process's open-files limit behind an I/O failure ({@code EMFILE}, which the JDK reports as "Too many
 * open files") and says what to do about it. A broker keeps one file open per log segment (the indexes are memory
 * maps, whose files are closed once mapped), so the limit is reached by partitions and segments, not by traffic.
 */
final class OpenFilesLimit {
    /** What the JDK's exceptions say for {@code EMFILE} and {@code ENFILE}. */
    private static final String TOO_MANY_OPEN_FILES = "Too many open files";

    static final String ADVICE = "the process has reached its open-files limit (each log segment keeps one file"
            + " open); raise it with `ulimit -n` before starting the broker, see the file-handle budget in"
            + " docs/broker.md";

    private OpenFilesLimit() {}

    /** Whether {@code failure} or one of its causes is the open-files limit. */
    static boolean isCause(@Nullable Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains(TOO_MANY_OPEN_FILES)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** {@code message}, followed by the advice when {@code failure} is the open-files limit. */
    static String describe(String message, Throwable failure) {
        return isCause(failure) ? message + "; " + ADVICE : message;
    }
}
