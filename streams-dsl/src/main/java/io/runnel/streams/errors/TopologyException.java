package io.runnel.streams.errors;

/** A topology that cannot run, found while it is built; the message names the nodes, topics or stores at fault. */
public class TopologyException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TopologyException(String message) {
        super("Invalid topology: " + message);
    }
}
