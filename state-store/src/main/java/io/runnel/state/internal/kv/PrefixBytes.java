package io.runnel.state.internal.kv;

import io.runnel.common.errors.SerializationException;
import io.runnel.common.serialization.Serializer;

/** The bytes of a {@code prefixScan} prefix: the serializer gets the store's name as its topic, and must not return null. */
final class PrefixBytes {
    private PrefixBytes() {}

    static <P> byte[] of(Serializer<P> serializer, String store, P prefix) {
        byte[] bytes = serializer.serialize(store, prefix);
        if (bytes == null) {
            throw new SerializationException("the prefix serializer returned null for store " + store);
        }
        return bytes;
    }
}
