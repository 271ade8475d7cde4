package io.runnel.state.internal;

import io.runnel.state.InvalidStateStoreException;
import java.util.Objects;

/** The argument and state checks every store makes at its boundary, with the messages users see. */
public final class Preconditions {
    private Preconditions() {}

    /** @throws NullPointerException "key cannot be null" */
    public static <K> K requireKey(K key) {
        return Objects.requireNonNull(key, "key cannot be null");
    }

    /** @throws NullPointerException naming {@code what} */
    public static <T> T requireNonNull(T value, String what) {
        return Objects.requireNonNull(value, () -> what + " cannot be null");
    }

    /** @throws InvalidStateStoreException naming the store when it is not open */
    public static void requireOpen(boolean open, String storeName) {
        if (!open) {
            throw new InvalidStateStoreException("Store " + storeName + " is currently closed.");
        }
    }

    /** The exception for using a store that is not open. */
    public static InvalidStateStoreException notOpen(String storeName) {
        return new InvalidStateStoreException("Store " + storeName + " is currently closed.");
    }

    /** @throws IllegalArgumentException when a timestamp is negative */
    public static void requireTimestamp(long timestamp, String what) {
        if (timestamp < 0) {
            throw new IllegalArgumentException(what + " must be >= 0: " + timestamp);
        }
    }
}
