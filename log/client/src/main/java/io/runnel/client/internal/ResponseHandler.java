package io.runnel.client.internal;

import io.runnel.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/** What to do with a request's outcome. Called on the I/O thread that owns the {@link NetworkClient}. */
public interface ResponseHandler {
    /**
     * The response arrived.
     *
     * @param body the decoded response body; null only for a request sent without expecting a response (a produce
     *     request with {@code acks=0}), once it is written
     */
    void onResponse(@Nullable Message body);

    /**
     * The request failed without a response: {@link io.runnel.common.errors.NetworkException} when the connection
     * broke, {@link io.runnel.common.errors.TimeoutException} when no response came in time, {@link
     * io.runnel.protocol.errors.UnsupportedVersionException} when the broker does not speak the API at our version.
     */
    void onFailure(RuntimeException error);
}
