package io.runnel.broker.metadata;

import io.runnel.common.errors.RetriableException;

/** ZooKeeper could not be reached or answered with an error; the operation may succeed later. */
public class MetadataStoreException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public MetadataStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public MetadataStoreException(String message) {
        super(message);
    }
}
