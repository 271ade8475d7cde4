package io.runnel.client.admin;

import org.jspecify.annotations.Nullable;

/**
 * Options every admin call takes: its timeout. Options objects are mutable builders, as Kafka's; build one per call.
 *
 * @param <T> the concrete options type, returned by the setters
 */
public abstract class AbstractOptions<T extends AbstractOptions<T>> {
    private @Nullable Integer timeoutMs;

    /**
     * How long the call may take, in milliseconds; null for {@code default.api.timeout.ms}.
     *
     * @throws IllegalArgumentException if negative
     */
    @SuppressWarnings("unchecked")
    public T timeoutMs(@Nullable Integer timeoutMs) {
        if (timeoutMs != null && timeoutMs < 0) {
            throw new IllegalArgumentException("timeoutMs must be >= 0: " + timeoutMs);
        }
        this.timeoutMs = timeoutMs;
        return (T) this;
    }

    public @Nullable Integer timeoutMs() {
        return timeoutMs;
    }
}
