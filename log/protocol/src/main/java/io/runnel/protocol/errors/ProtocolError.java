package io.runnel.protocol.errors;

/** An exception that knows the Kafka error code it stands for. */
public interface ProtocolError {
    /** The error to put on the wire for this exception. */
    Errors error();
}
