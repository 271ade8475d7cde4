package io.runnel.streams.kstream.internal;

import io.runnel.common.serialization.Serde;
import java.util.Objects;

/**
 * Adapts the shared {@code io.runnel.common.serialization.Serde} to the state-store module's own {@code
 * io.runnel.state.Serde}, which its store builders still take. Store keys and values are never null, so a serializer
 * returning null for a non-null value is a bug in that serializer and fails with a message naming the store.
 */
public final class StoreSerdes {
    private StoreSerdes() {}

    public static <T> io.runnel.state.Serde<T> forStore(Serde<T> serde, String storeName) {
        Objects.requireNonNull(serde, "serde cannot be null");
        String topic = storeName;
        return io.runnel.state.Serde.of(
                value -> Objects.requireNonNull(
                        serde.serializer().serialize(topic, value),
                        () -> "The serializer of store " + storeName + " returned null for a non-null value"),
                bytes -> Objects.requireNonNull(
                        serde.deserializer().deserialize(topic, bytes),
                        () -> "The deserializer of store " + storeName + " returned null for stored bytes"));
    }
}
