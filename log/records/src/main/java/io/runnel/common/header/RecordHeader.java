package io.runnel.common.header;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The header implementation. Holds the value array it is given (no copy), as Kafka's {@code RecordHeader} does.
 * Immutable as long as the array is not changed; thread-safe.
 */
public final class RecordHeader implements Header {
    private final String key;
    private final byte @Nullable [] value;

    public RecordHeader(String key, byte @Nullable [] value) {
        this.key = Objects.requireNonNull(key, "header key must not be null");
        this.value = value;
    }

    /** A header whose value is {@code value} in UTF-8. */
    public static RecordHeader ofString(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public byte @Nullable [] value() {
        return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Header h && key.equals(h.key()) && Arrays.equals(value, h.value());
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "RecordHeader(key=" + key + ", value=" + (value == null ? "null" : value.length + " bytes") + ")";
    }
}
