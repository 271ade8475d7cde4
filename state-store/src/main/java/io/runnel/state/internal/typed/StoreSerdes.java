package io.runnel.state.internal.typed;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Deserializer;
import io.runnel.common.serialization.Serde;
import io.runnel.common.serialization.Serializer;

/**
 * A key or value serde bound to the store that uses it (Kafka's {@code StateSerdes}): serializers receive the store's
 * name as their topic. Stores hold no nulls (a null value is a delete, handled before this), so a serde that turns a
 * value into null, or bytes into null, fails here with the store's name in the message.
 *
 * @param <T> the key or value type
 */
final class StoreSerdes<T> {
    private final String store;
    private final String role;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    StoreSerdes(String store, String role, Serde<T> serde) {
        this.store = store;
        this.role = role;
        this.serializer = serde.serializer();
        this.deserializer = serde.deserializer();
    }

    byte[] toBytes(T value) {
        byte[] bytes = serializer.serialize(store, value);
        if (bytes == null) {
            throw new SerializationException("the " + role + " serializer of store " + store + " returned null");
        }
        return bytes;
    }

    T fromBytes(byte[] bytes) {
        T value = deserializer.deserialize(store, bytes);
        if (value == null) {
            throw new SerializationException("the " + role + " deserializer of store " + store + " returned null");
        }
        return value;
    }
}
