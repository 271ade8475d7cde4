package io.runnel.common.errors;

/** The connection to a broker broke before a response arrived. Maps to Kafka's {@code NETWORK_EXCEPTION} (13). */
public class NetworkException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public NetworkException(String message) {
        super(message);
    }

    public NetworkException(String message, Throwable cause) {
        super(message, cause);
    }
}
