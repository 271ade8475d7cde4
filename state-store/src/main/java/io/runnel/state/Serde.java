package io.runnel.state;

import java.util.Objects;

/**
 * A {@link Serializer} and {@link Deserializer} pair for one type, as typed stores use to reach their byte-level
 * layers. See {@link Serdes} for the built-in ones.
 */
public interface Serde<T> {
    Serializer<T> serializer();

    Deserializer<T> deserializer();

    /** A serde from a serializer and deserializer. */
    static <T> Serde<T> of(Serializer<T> serializer, Deserializer<T> deserializer) {
        Objects.requireNonNull(serializer, "serializer cannot be null");
        Objects.requireNonNull(deserializer, "deserializer cannot be null");
        return new Serde<>() {
            @Override
            public Serializer<T> serializer() {
                return serializer;
            }

            @Override
            public Deserializer<T> deserializer() {
                return deserializer;
            }
        };
    }
}
