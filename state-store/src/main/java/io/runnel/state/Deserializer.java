package io.runnel.state;

/** Turns bytes written by the matching {@link Serializer} back into a value. */
@FunctionalInterface
public interface Deserializer<T> {
    T deserialize(byte[] data);
}
