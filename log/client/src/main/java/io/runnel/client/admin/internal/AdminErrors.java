package io.runnel.client.admin.internal;

import io.runnel.common.errors.RunnelException;
import io.runnel.protocol.errors.Errors;
import org.jspecify.annotations.Nullable;

/** Turns error codes of admin responses into exceptions. */
final class AdminErrors {
    private AdminErrors() {}

    /** The exception for {@code code} with the broker's message (or Kafka's default), or null for no error. */
    static @Nullable RunnelException exception(short code, @Nullable String message) {
        return Errors.forCode(code).exception(message);
    }

    /** Whether the code is one a retry may cure (not leader, not controller, loading, ...). */
    static boolean retriable(short code) {
        return Errors.forCode(code).retriable();
    }
}
