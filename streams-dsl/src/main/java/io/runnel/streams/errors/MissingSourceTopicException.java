package io.runnel.streams.errors;

/** A topic the topology reads does not exist on the cluster; create it (with its partitions) before starting. */
public class MissingSourceTopicException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public MissingSourceTopicException(String message) {
        super(message);
    }
}
