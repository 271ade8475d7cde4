package io.runnel.client.admin.internal;

import io.runnel.client.Node;
import io.runnel.protocol.ApiKey;
import io.runnel.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * One admin request in progress: where it goes, what it sends, what its response means. The {@link AdminRunner}
 * sends it when its broker is ready, retries it after {@code retry.backoff.ms} when it fails with a retriable error,
 * and fails it with a timeout at its deadline. Calls that depend on metadata (offsets, records) submit follow-up
 * calls from their handlers. Owned by the admin's I/O thread.
 */
public abstract class Call {
    final String name;
    final long deadlineMs;
    int tries;
    long nextAttemptMs;

    @Nullable
    RuntimeException lastError;

    protected Call(String name, long deadlineMs) {
        this.name = name;
        this.deadlineMs = deadlineMs;
    }

    /** The broker to send to, or null if it is not known yet (the runner then refreshes metadata and waits). */
    protected abstract @Nullable Node target(Targets targets);

    protected abstract ApiKey apiKey();

    /** The request body; {@code timeoutMs} is what is left of the call's time, for requests that carry a timeout. */
    protected abstract Message request(int timeoutMs);

    /**
     * Handles the response: completes the call's futures, or submits follow-up calls through {@code runner}.
     *
     * @throws io.runnel.common.errors.RetriableException to have the whole call retried
     */
    protected abstract void handle(Message response, AdminRunner runner);

    /** Fails every future of the call that is not complete yet. */
    protected abstract void fail(Throwable error);

    /** Fails the call before it reached the I/O thread (the client was closed). */
    public final void failNow(Throwable error) {
        fail(error);
    }

    /**
     * The value of a key the call put in the map itself.
     *
     * @throws IllegalStateException if it is missing (a bug)
     */
    static <K, V> V required(java.util.Map<K, V> map, K key) {
        V value = map.get(key);
        if (value == null) {
            throw new IllegalStateException("no entry for " + key);
        }
        return value;
    }

    /** Where calls can be sent. */
    public interface Targets {
        /** The least loaded broker, or null if none can be reached now. */
        @Nullable
        Node any();

        /** The controller, or null if it is not known yet. */
        @Nullable
        Node controller();

        /** The broker with this id, or null if it is not known. */
        @Nullable
        Node node(int id);
    }
}
