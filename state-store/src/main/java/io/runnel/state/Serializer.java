package io.runnel.state;

/** Turns a non-null value into bytes. Must be deterministic: equal values give equal bytes. */
@FunctionalInterface
public interface Serializer<T> {
    byte[] serialize(T data);
}
