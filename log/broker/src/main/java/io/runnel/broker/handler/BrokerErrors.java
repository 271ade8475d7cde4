package io.runnel.broker.handler;

import io.runnel.protocol.errors.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka's error code for an exception a handler caught, unwrapping future failures and logging unexpected ones. */
final class BrokerErrors {
    private static final Logger log = LoggerFactory.getLogger(BrokerErrors.class);

    private BrokerErrors() {}

    static Errors of(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        Errors error = Errors.forException(cause);
        if (error == Errors.UNKNOWN_SERVER_ERROR) {
            log.error("Unexpected error while handling a request", cause);
        }
        return error;
    }

    static short code(Throwable e) {
        return of(e).code();
    }
}
