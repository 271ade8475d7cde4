package io.runnel.broker.handler;

import io.runnel.common.errors.InvalidPartitionsException;
import io.runnel.common.errors.InvalidReplicationFactorException;
import io.runnel.common.errors.InvalidTopicException;
import io.runnel.common.errors.TopicExistsException;
import io.runnel.common.errors.UnknownTopicOrPartitionException;
import io.runnel.protocol.errors.Errors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kafka's error code for an exception a handler caught: the protocol's mapping plus the broker's own types. */
final class BrokerErrors {
    private static final Logger log = LoggerFactory.getLogger(BrokerErrors.class);

    private BrokerErrors() {}

    static Errors of(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        Errors error;
        if (cause instanceof UnknownTopicOrPartitionException) {
            error = Errors.UNKNOWN_TOPIC_OR_PARTITION;
        } else if (cause instanceof TopicExistsException) {
            error = Errors.TOPIC_ALREADY_EXISTS;
        } else if (cause instanceof InvalidTopicException) {
            error = Errors.INVALID_TOPIC_EXCEPTION;
        } else if (cause instanceof InvalidPartitionsException) {
            error = Errors.INVALID_PARTITIONS;
        } else if (cause instanceof InvalidReplicationFactorException) {
            error = Errors.INVALID_REPLICATION_FACTOR;
        } else {
            error = Errors.forException(cause);
        }
        if (error == Errors.UNKNOWN_SERVER_ERROR) {
            log.error("Unexpected error while handling a request", cause);
        }
        return error;
    }

    static short code(Throwable e) {
        return of(e).code();
    }
}
