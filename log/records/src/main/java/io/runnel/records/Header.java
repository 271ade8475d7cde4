package io.runnel.records;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A record header: a UTF-8 key and an optional byte value. Immutable: the value array is copied in and out.
 *
 * @param key the header key, never null
 * @param value the header value, or null
 */
public record Header(String key, byte @Nullable [] value) {
    public Header {
        Objects.requireNonNull(key, "header key");
        value = value == null ? null : value.clone();
    }

    @Override
    public byte @Nullable [] value() {
        return value == null ? null : value.clone();
    }

    /** The value without a defensive copy, for the batch builder, which only reads it. */
    byte @Nullable [] valueBytes() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Header h && key.equals(h.key) && Arrays.equals(value, h.value);
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Header(key=" + key + ", value=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
