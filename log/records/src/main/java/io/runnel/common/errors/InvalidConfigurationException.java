package io.runnel.common.errors;

import org.jspecify.annotations.Nullable;

/**
 * A configuration key is unknown or its value is invalid. Maps to Kafka's {@code INVALID_CONFIG} (40). The message
 * names the key, the value and what is accepted.
 */
public class InvalidConfigurationException extends RunnelException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String key;

    public InvalidConfigurationException(String message) {
        super(message);
        this.key = null;
    }

    /** @param key the configuration key the message is about */
    public InvalidConfigurationException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key that is unknown or has the invalid value, if one is known. */
    public @Nullable String key() {
        return key;
    }
}
