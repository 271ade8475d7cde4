package io.runnel.common.errors;

/**
 * A configuration key is unknown or its value is invalid. Maps to Kafka's {@code INVALID_CONFIG} (40). The message
 * names the key, the value and what is accepted.
 */
public class InvalidConfigurationException extends RunnelException {
    private static final long serialVersionUID = 1L;

    public InvalidConfigurationException(String message) {
        super(message);
    }
}
